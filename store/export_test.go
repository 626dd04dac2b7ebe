package store

// SetWALRestart lets a test restart the log after a few frames instead of 256 MiB.
func (db *DB) SetWALRestart(frames int64) { db.walRestart = frames }
