package salesfile

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/rfm9/rfm9/onec"
)

// The CSV read is a pipeline: one goroutine reads blocks of whole records, workers
// parse blocks into batches in parallel, and the calling goroutine hands batches to
// fn in file order. The reader queues each block's result channel in order before
// handing the block to the workers, so the consumer waits on the right block however
// the workers race; the queues are bounded, and so is the memory in flight.

// job is a block on its way to a worker, with the channel its result goes to.
type job struct {
	b   block
	res chan<- result
}

// result is what a worker makes of a block.
type result struct {
	sales    []onec.Sale
	tally    tally
	newlines int64      // lines the block spans, to number the next one
	lineErr  *LineError // strict mode: the first bad line, numbered from 0 in the block
	err      error
}

// pipeline is the state of one CSV read.
type pipeline struct {
	src   *csvSource
	jobs  chan job
	order chan chan result
	free  chan []onec.Sale // batches fn has returned, for workers to fill again
}

func (s *csvSource) sales(ctx context.Context, rd reading, fn func([]onec.Sale) error) (tally, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	p := &pipeline{
		src:   s,
		jobs:  make(chan job, workers),
		order: make(chan chan result, 2*workers),
		free:  make(chan []onec.Sale, 3*workers+2),
	}
	var wg sync.WaitGroup
	wg.Go(func() { p.read(ctx, &blockReader{src: s.data(), size: s.blockSize}) })
	for range workers {
		w := s.worker(rd)
		wg.Go(func() { p.work(ctx, w) })
	}
	t, err := p.deliver(ctx, fn)
	cancel()
	wg.Wait()
	return t, err
}

// read feeds blocks to the workers until the data ends, fails or ctx is done.
func (p *pipeline) read(ctx context.Context, br *blockReader) {
	defer close(p.order)
	defer close(p.jobs)
	for {
		b, err := br.next()
		if err == nil && b.data == nil {
			return
		}
		res := make(chan result, 1) // workers never block on it
		if err != nil {
			res <- result{err: err}
		}
		select {
		case p.order <- res:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
		select {
		case p.jobs <- job{b, res}:
		case <-ctx.Done():
			return
		}
	}
}

func (p *pipeline) work(ctx context.Context, w *csvWorker) {
	for j := range p.jobs {
		if err := ctx.Err(); err != nil {
			j.res <- result{err: err}
			continue
		}
		j.res <- w.parse(j.b, p.batch())
	}
}

// batch returns a slice to fill, reusing one fn is done with when there is one.
func (p *pipeline) batch() []onec.Sale {
	select {
	case s := <-p.free:
		return s[:0]
	default:
		return nil
	}
}

// deliver hands the results to fn in file order and merges their tallies.
func (p *pipeline) deliver(ctx context.Context, fn func([]onec.Sale) error) (tally, error) {
	var t tally
	line := p.src.line
	for res := range p.order {
		var r result
		select {
		case r = <-res:
		case <-ctx.Done():
			return t, ctx.Err()
		}
		if err := p.take(&t, r, line, fn); err != nil {
			return t, err
		}
		line += r.newlines
	}
	return t, ctx.Err()
}

// take delivers one block's result; line is the number of its first line.
func (p *pipeline) take(t *tally, r result, line int64, fn func([]onec.Sale) error) error {
	if r.err != nil {
		return fmt.Errorf("salesfile: %s: %w", p.src.path, r.err)
	}
	t.add(r.tally)
	if len(r.sales) > 0 {
		if err := fn(r.sales); err != nil {
			return err
		}
	}
	select {
	case p.free <- r.sales:
	default:
	}
	if r.lineErr != nil {
		r.lineErr.Line += line
		return fmt.Errorf("salesfile: %s: %w", p.src.path, r.lineErr)
	}
	return nil
}

// csvWorker parses blocks. Each worker has its own converter and field slice.
type csvWorker struct {
	conv   converter
	delim  byte
	strict bool
	fields [][]byte
}

func (s *csvSource) worker(rd reading) *csvWorker {
	return &csvWorker{
		conv:   rd.conv,
		delim:  s.delim,
		strict: rd.strict,
		fields: make([][]byte, 0, rd.conv.cols.need),
	}
}

// parse turns a block into sales, numbering its lines from 0.
func (w *csvWorker) parse(b block, out []onec.Sale) result {
	if out == nil { // most 1C lines hold two GUIDs and a date: about 100 bytes or more
		out = make([]onec.Sale, 0, len(b.data)/100+16)
	}
	res := result{sales: out}
	if b.quotes {
		w.parseQuoted(b.data, &res)
	} else {
		w.parsePlain(b.data, &res)
	}
	return res
}

// parsePlain parses a block without quotes, where every newline ends a record, in
// one pass that finds delimiters and newlines together.
func (w *csvWorker) parsePlain(data []byte, res *result) {
	need := w.conv.cols.need
	for len(data) > 0 {
		var rec []byte
		w.fields, rec, data = cutFields(data, w.delim, w.fields, need)
		at := res.newlines
		res.newlines++
		if !blankRecord(rec, w.delim) && !w.take(at, res) {
			return
		}
	}
}

// parseQuoted parses a block with quotes, looking at each record for them.
func (w *csvWorker) parseQuoted(data []byte, res *result) {
	need := w.conv.cols.need
	for len(data) > 0 {
		rec, rest, nl, quoted := nextRecord(data)
		at := res.newlines
		res.newlines += 1 + int64(nl)
		data = rest
		if blankRecord(rec, w.delim) {
			continue
		}
		if quoted {
			w.fields = splitQuoted(rec, w.delim, w.fields, need)
		} else {
			w.fields = splitFast(rec, w.delim, w.fields, need)
		}
		if !w.take(at, res) {
			return
		}
	}
}

// take converts the split record at line at and says whether to go on.
func (w *csvWorker) take(at int64, res *result) bool {
	res.sales, res.lineErr = w.conv.take(w.fields, at, res.sales, &res.tally, w.strict)
	return res.lineErr == nil
}
