package mirror

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/store/storetest"
)

// queued starts each push in its own goroutine while the queue's writer is held, so
// that they all wait to be written as one group, then lets them go.
func queued(s *Store, docs []Pushed) ([]Applied, []error) {
	res, errs := make([]Applied, len(docs)), make([]error, len(docs))
	s.pushes.writing.Lock()
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Go(func() { res[i], errs[i] = s.Push(context.Background(), d, moscow, at("2026-11-01")) })
	}
	for {
		s.pushes.mu.Lock()
		n := len(s.pushes.waiting)
		s.pushes.mu.Unlock()
		if n == len(docs) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	s.pushes.writing.Unlock()
	wg.Wait()
	return res, errs
}

// Pushes written as one group are applied one after another: a duplicate in the same
// group changes nothing, and each answer is the client's code after that push.
func TestPushesWrittenTogether(t *testing.T) {
	s := demoSyncer(t, storetest.SQLite(t), demo.Options{Clients: 50, Lines: 500, Seed: 4}, "2026-11-01")
	var client string
	for c := range codes(t, s.Store.db) {
		client = c
		break
	}
	d := Pushed{DocumentID: "g-1", ClientID: client, Period: at("2026-10-30"), Posted: true, Version: 1, NetKop: 500_000_00, Lines: 1}
	docs := []Pushed{d, d} // a duplicate delivery
	for i := range 6 {
		docs = append(docs, Pushed{DocumentID: fmt.Sprintf("g-%d", i+2), ClientID: client, Period: at("2026-10-20").AddDate(0, 0, i),
			Posted: true, Version: 1, NetKop: 1000_00, Lines: 1})
	}
	res, errs := queued(s.Store, docs)
	applied := 0
	for i, r := range res {
		if errs[i] != nil {
			t.Fatalf("push %d: %v", i, errs[i])
		}
		if r.Applied {
			applied++
		}
		if r.Code == "" || r.ClientID != client {
			t.Errorf("push %d answered %+v", i, r)
		}
	}
	if applied != 7 {
		t.Errorf("%d pushes applied, want 7 (one of the two deliveries of g-1)", applied)
	}
	checkResults(t, s.Store)
}

// When one push of a group fails, the group is applied again push by push: only that
// one fails, and nothing of it is written.
func TestOneFailedPushLeavesTheGroup(t *testing.T) {
	s := demoSyncer(t, storetest.SQLite(t), demo.Options{Clients: 50, Lines: 500, Seed: 5}, "2026-11-01")
	var clients []string
	for c := range codes(t, s.Store.db) {
		clients = append(clients, c)
	}
	broken := errors.New("broken")
	s.Store.pushFault = func(docs []Pushed) error {
		for _, d := range docs {
			if d.DocumentID == "bad" {
				return broken
			}
		}
		return nil
	}
	var docs []Pushed
	for i := range 5 {
		id := fmt.Sprintf("ok-%d", i)
		if i == 2 {
			id = "bad"
		}
		docs = append(docs, Pushed{DocumentID: id, ClientID: clients[i], Period: at("2026-10-25"), Posted: true, Version: 1, NetKop: 2000_00, Lines: 1})
	}
	res, errs := queued(s.Store, docs)
	for i := range docs {
		switch {
		case docs[i].DocumentID == "bad" && !errors.Is(errs[i], broken):
			t.Errorf("the bad push answered %+v, %v", res[i], errs[i])
		case docs[i].DocumentID != "bad" && (errs[i] != nil || !res[i].Applied):
			t.Errorf("push %s answered %+v, %v", docs[i].DocumentID, res[i], errs[i])
		}
	}
	if n := countRows(t, s.Store.db, "sales_documents WHERE document_id = 'bad'"); n != 0 {
		t.Errorf("the failed push left %d rows", n)
	}
	if n := countRows(t, s.Store.db, "document_versions WHERE document_id LIKE 'ok-%'"); n != 4 {
		t.Errorf("%d of the 4 good pushes recorded", n)
	}
	checkResults(t, s.Store)
}

// yield returns at once with no push queued, waits while one is, and gives up after d.
func TestYieldToQueuedPushes(t *testing.T) {
	var q pushQueue
	start := time.Now()
	q.yield(time.Second)
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("nothing queued: yielded %v", took)
	}
	q.waiting = []*pushCall{{}}
	go func() {
		time.Sleep(50 * time.Millisecond)
		q.mu.Lock()
		q.waiting = nil
		q.mu.Unlock()
	}()
	start = time.Now()
	q.yield(5 * time.Second)
	if took := time.Since(start); took < 50*time.Millisecond || took > 2*time.Second {
		t.Errorf("a push queued for 50 ms: yielded %v", took)
	}
	q.waiting = []*pushCall{{}}
	start = time.Now()
	q.yield(80 * time.Millisecond)
	if took := time.Since(start); took < 80*time.Millisecond || took > 2*time.Second {
		t.Errorf("a push never taken: yielded %v, want the 80 ms bound", took)
	}
}
