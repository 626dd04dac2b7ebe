package mirror

import (
	"context"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
)

// clientNumbers numbers clients densely and for good by their 16-byte key: snapshot
// codes and KPI month blobs index clients by these numbers, so neither stores an id.
type clientNumbers struct {
	keys  []lifecycle.ClientKey
	index map[lifecycle.ClientKey]uint32
	saved int // keys[:saved] are in snapshot_clients
}

// loadNumbers reads the numbering; new clients get numbers after the known ones.
func (s *Store) loadNumbers(ctx context.Context, q sqlx.QueryerContext) (*clientNumbers, error) {
	keys, err := s.loadKeys(ctx, q)
	if err != nil {
		return nil, err
	}
	n := &clientNumbers{keys: keys, index: make(map[lifecycle.ClientKey]uint32, len(keys)), saved: len(keys)}
	for i, k := range keys {
		n.index[k] = uint32(i)
	}
	return n, nil
}

// of returns the number of a client, numbering it if it is new.
func (n *clientNumbers) of(k lifecycle.ClientKey) uint32 {
	if i, ok := n.index[k]; ok {
		return i
	}
	i := uint32(len(n.keys))
	n.keys = append(n.keys, k)
	n.index[k] = i
	return i
}

// size is how many numbers are in use.
func (n *clientNumbers) size() int { return len(n.keys) }

// save appends the clients numbered since the load to snapshot_clients.
func (s *Store) saveNumbers(ctx context.Context, tx *sqlx.Tx, n *clientNumbers) error {
	for first := n.saved; first < len(n.keys); first += keysPerChunk {
		chunk := n.keys[first:min(first+keysPerChunk, len(n.keys))]
		if _, err := tx.ExecContext(ctx, s.sq.InsertKeys, first, appendKeys(nil, chunk)); err != nil {
			return fmt.Errorf("mirror: save client numbers: %w", err)
		}
	}
	n.saved = len(n.keys)
	return nil
}

// keysCache keeps the numbering's keys for lookups of one client (its card's time line):
// reading a million keys costs tens of milliseconds, and the numbering only grows, so
// the same count means the same keys.
type keysCache struct {
	mu    sync.Mutex
	keys  []lifecycle.ClientKey
	index map[lifecycle.ClientKey]int
}

// numberOf returns a client's number, or -1 when it has none.
func (s *Store) numberOf(ctx context.Context, k lifecycle.ClientKey) (int, error) {
	n, err := s.countNumbers(ctx, s.db)
	if err != nil {
		return 0, err
	}
	s.keys.mu.Lock()
	defer s.keys.mu.Unlock()
	if len(s.keys.keys) != n {
		keys, err := s.loadKeys(ctx, s.db)
		if err != nil {
			return 0, err
		}
		s.keys.keys, s.keys.index = keys, make(map[lifecycle.ClientKey]int, len(keys))
		for i, key := range keys {
			s.keys.index[key] = i
		}
	}
	if i, ok := s.keys.index[k]; ok {
		return i, nil
	}
	return -1, nil
}
