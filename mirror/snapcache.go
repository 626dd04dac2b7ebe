package mirror

import (
	"sync"

	"github.com/rfm9/rfm9/lifecycle"
)

// codesKey names one decoded snapshot: its date and when it was taken, so that a
// snapshot retaken (here or on another replica) is never served from an old decode.
type codesKey struct {
	day   lifecycle.Day
	taken int64 // unix microseconds
}

// cachedSnapshots bounds the cache: 36 months of a million clients is 36 MiB.
const cachedSnapshots = 48

// codesCache keeps decoded snapshot code arrays: a transition needs two, each at the
// end of a chain of bases, and the dashboard asks for the same ones again and again.
type codesCache struct {
	mu sync.Mutex
	m  map[codesKey][]lifecycle.Packed
}

func (c *codesCache) get(k codesKey) ([]lifecycle.Packed, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *codesCache) put(k codesKey, v []lifecycle.Packed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[codesKey][]lifecycle.Packed{}
	}
	if len(c.m) >= cachedSnapshots {
		for old := range c.m { // any one: old entries are as likely to be asked for as new
			delete(c.m, old)
			break
		}
	}
	c.m[k] = v
}
