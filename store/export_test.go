package store

// SetWALRestart lets a test restart the log after a few frames instead of 1 GiB.
func (db *DB) SetWALRestart(frames int64) { db.walRestart = frames }
