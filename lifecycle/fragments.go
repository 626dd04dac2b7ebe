package lifecycle

// buckets spreads fragments by client so that Close sorts small pieces on all cores:
// faster than hashing every line into one big map (a cache miss per line), and compact,
// since a fragment holds no pointers.
const buckets = 256

// chunkBits sizes the chunks of a fragList: big enough to allocate rarely, small
// enough that the last, partly filled chunk of each bucket wastes little.
const (
	chunkBits = 10
	chunkSize = 1 << chunkBits
)

// partOf picks a bucket from key bytes that vary fast in 1C's v1-style GUIDs (the low
// bytes of the time stamp come first in the text form); subOf splits a bucket further.
func partOf(k idKey) int { return int(k[0] ^ k[3]) }

func subOf(k idKey) int { return int(k[1] ^ k[2]) }

// fragList is an append-only list of fragments in fixed-size chunks: elements never
// move, so a pointer to the last one stays valid, and growing never copies.
type fragList struct {
	chunks [][]fragment
	n      int
}

func (f *fragList) push(fr fragment) *fragment {
	if f.n == len(f.chunks)*chunkSize {
		f.chunks = append(f.chunks, make([]fragment, chunkSize))
	}
	p := f.at(f.n)
	*p = fr
	f.n++
	return p
}

func (f *fragList) at(i int) *fragment { return &f.chunks[i>>chunkBits][i&(chunkSize-1)] }

// appendTo copies the fragments into dst.
func (f *fragList) appendTo(dst []fragment) []fragment {
	for c, chunk := range f.chunks {
		dst = append(dst, chunk[:min(chunkSize, f.n-c*chunkSize)]...)
	}
	return dst
}

// truncate keeps the first n fragments and releases the chunks past them.
func (f *fragList) truncate(n int) {
	f.n = n
	keep := (n + chunkSize - 1) / chunkSize
	clear(f.chunks[keep:])
	f.chunks = f.chunks[:keep]
}

// forEachClient calls fn with each client's range [from, to) in a sorted list and the
// seq of the client's first fragment.
func (f *fragList) forEachClient(fn func(from, to int, first uint32)) {
	for i := 0; i < f.n; {
		head := f.at(i)
		j, first := i+1, head.seq
		for ; j < f.n && f.at(j).client == head.client; j++ {
			first = min(first, f.at(j).seq)
		}
		fn(i, j, first)
		i = j
	}
}
