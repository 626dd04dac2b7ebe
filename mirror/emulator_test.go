package mirror_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/demo"
	"github.com/rfm9/rfm9/onec/emulator"
	"github.com/rfm9/rfm9/onec/odata"
	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
)

// These tests run the whole way in: the 1C emulator serves the demo data over OData,
// the reader reads it, the mirror syncs it into a real store.

var moscow = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		panic(err)
	}
	return loc
}()

var demoOpts = demo.Options{Clients: 300, Lines: 3000, Seed: 5, Location: moscow}

// now is the sync's clock: a day after the demo history ends.
func now() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, moscow) }

type fixture struct {
	emu    *emulator.Emulator
	reader *odata.Reader
	syncer *mirror.Syncer
	db     *store.DB
}

func newFixture(t *testing.T, db *store.DB, preset string, faults float64) *fixture {
	t.Helper()
	data, err := configs.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := onec.ParseMapping(data)
	if err != nil {
		t.Fatal(err)
	}
	emu, err := emulator.New(emulator.Options{Mapping: m, Demo: demoOpts, User: "Администратор", Password: "пароль",
		FailRate: faults, TruncateRate: faults, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu.Handler())
	t.Cleanup(srv.Close)
	r, err := odata.New(odata.Config{BaseURL: emu.BaseURL(srv.URL), User: "Администратор", Password: "пароль",
		Location: moscow, Mapping: m, PageSize: 500, Retries: 12, RetryWait: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := mirror.NewStore(db)
	if err != nil {
		t.Fatal(err)
	}
	s := &mirror.Syncer{Store: ms, Sales: r, Catalog: r, Location: moscow, Bounds: lifecycle.DefaultBounds(),
		Window: 45, Now: now}
	return &fixture{emu: emu, reader: r, syncer: s, db: db}
}

// docs is the expected mirror: "document/client" → "net×lines@day".
type docs map[string]string

func generated(t *testing.T) (docs, []onec.Sale) {
	t.Helper()
	var sales []onec.Sale
	if err := demo.Generate(demoOpts, func(s onec.Sale) error { sales = append(sales, s); return nil }); err != nil {
		t.Fatal(err)
	}
	return aggregate(sales), sales
}

func aggregate(sales []onec.Sale) docs {
	type agg struct {
		net   int64
		lines int
		day   lifecycle.Day
	}
	m := map[string]*agg{}
	for _, s := range sales {
		k := s.DocumentID + "/" + s.ClientID
		if m[k] == nil {
			m[k] = &agg{day: lifecycle.DayOf(s.Period)}
		}
		m[k].net += s.Amount
		m[k].lines++
		m[k].day = min(m[k].day, lifecycle.DayOf(s.Period))
	}
	out := docs{}
	for k, a := range m {
		out[k] = fmt.Sprintf("%d×%d@%s", a.net, a.lines, a.day)
	}
	return out
}

func (f *fixture) mirrored(t *testing.T) docs {
	t.Helper()
	var rows []struct {
		Doc    string `db:"document_id"`
		Client string `db:"client_id"`
		Net    int64  `db:"net_kop"`
		Lines  int    `db:"lines"`
		Day    int32  `db:"day"`
	}
	if err := f.db.Select(&rows, "SELECT document_id, client_id, net_kop, lines, day FROM sales_documents"); err != nil {
		t.Fatal(err)
	}
	out := docs{}
	for _, r := range rows {
		out[r.Doc+"/"+r.Client] = fmt.Sprintf("%d×%d@%s", r.Net, r.Lines, lifecycle.Day(r.Day))
	}
	return out
}

func diff(got, want docs) string {
	var lines []string
	for k, w := range want {
		if got[k] != w {
			lines = append(lines, fmt.Sprintf("%s: got %q, want %q", k, got[k], w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			lines = append(lines, fmt.Sprintf("%s: got %q, want none", k, g))
		}
	}
	slices.Sort(lines)
	if len(lines) > 10 {
		lines = append(lines[:10], fmt.Sprintf("… %d more", len(lines)-10))
	}
	return fmt.Sprint(lines)
}

func TestSyncFromEmulatorEqualsGeneratedData(t *testing.T) {
	want, sales := generated(t)
	for _, preset := range []string{"unf", "ut11"} {
		t.Run(preset, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				f := newFixture(t, db, preset, 0)
				res, err := f.syncer.Run(context.Background(), true)
				if err != nil {
					t.Fatal(err)
				}
				if got := f.mirrored(t); len(got) != len(want) || diff(got, want) != "[]" {
					t.Fatalf("mirror differs from the generated data (%d vs %d documents): %s", len(got), len(want), diff(got, want))
				}
				if res.Clients != int64(demoOpts.Clients) || res.Segmented != demoOpts.Clients {
					t.Errorf("catalog %d clients, %d segmented; want %d", res.Clients, res.Segmented, demoOpts.Clients)
				}
				checkSegments(t, f, sales)
			})
		})
	}
}

// checkSegments compares every client's purchases, M and last purchase with a ledger
// built straight from the generated sales.
func checkSegments(t *testing.T, f *fixture, sales []onec.Sale) {
	t.Helper()
	l := lifecycle.NewLedger(moscow)
	l.Add(sales)
	stats, _ := l.Stats(lifecycle.DayOf(now()))
	var rows []struct {
		ID        string `db:"client_id"`
		Purchases int    `db:"purchases"`
		M         int64  `db:"monetary_kop"`
		Last      int32  `db:"last_day"`
	}
	if err := f.db.Select(&rows, "SELECT client_id, purchases, monetary_kop, last_day FROM client_segments"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.ID] = fmt.Sprintf("%d/%d/%d", r.Purchases, r.M, r.Last)
	}
	for _, s := range stats {
		id := l.Client(s.Client).ID
		if w := fmt.Sprintf("%d/%d/%d", s.Purchases, s.Monetary, s.Last); got[id] != w {
			t.Fatalf("client %s: purchases/M/last %s, want %s", id, got[id], w)
		}
	}
}

func TestIncrementalSyncSeesRepostsUnpostsAndDeletes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "unf", 0)
		if _, err := f.syncer.Run(ctx, true); err != nil {
			t.Fatal(err)
		}
		want, sales := generated(t)
		windowStart := lifecycle.DayOf(now()) - 45
		var inWindow []onec.Sale
		var before onec.Sale
		for _, s := range sales {
			if lifecycle.DayOf(s.Period) >= windowStart && s.Amount > 0 {
				inWindow = append(inWindow, s)
			} else if lifecycle.DayOf(s.Period) < windowStart-10 {
				before = s
			}
		}
		reposted, unposted, deleted := inWindow[0], inWindow[len(inWindow)/2], inWindow[len(inWindow)-1]
		mustDo(t, f.emu.RepostDocument(reposted.DocumentID, []int64{12_345, 100}))
		mustDo(t, f.emu.UnpostDocument(unposted.DocumentID))
		mustDo(t, f.emu.DeleteDocument(deleted.DocumentID))
		mustDo(t, f.emu.RepostDocument(before.DocumentID, []int64{1})) // before the window: not re-read
		at := time.Date(2026, 10, 30, 15, 4, 5, 0, moscow)
		created, err := f.emu.CreateDocument(emulator.NewDocument{ClientID: reposted.ClientID, Date: at, Amounts: []int64{50_000, 25_000, 5}})
		mustDo(t, err)

		want[reposted.DocumentID+"/"+reposted.ClientID] = fmt.Sprintf("12445×2@%s", lifecycle.DayOf(reposted.Period))
		delete(want, unposted.DocumentID+"/"+unposted.ClientID)
		delete(want, deleted.DocumentID+"/"+deleted.ClientID)
		want[created+"/"+reposted.ClientID] = fmt.Sprintf("75005×3@%s", lifecycle.DayOf(at))
		res, err := f.syncer.Run(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Full {
			t.Error("the second sync was full")
		}
		if got := f.mirrored(t); diff(got, want) != "[]" {
			t.Errorf("after the incremental sync: %s", diff(got, want))
		}
	})
}

func TestSyncThroughFaultsEndsExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, "ut11", 0.1)
		if _, err := f.syncer.Run(context.Background(), true); err != nil {
			t.Fatal(err)
		}
		want, _ := generated(t)
		if got := f.mirrored(t); diff(got, want) != "[]" {
			t.Errorf("with 10%% failures and 10%% truncated bodies: %s", diff(got, want))
		}
		if f.emu.Requests() < 20 {
			t.Errorf("only %d requests: the faults were hardly exercised", f.emu.Requests())
		}
	})
}

func TestKilledSyncKeepsOldStateAndResumes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, "unf", 0)
		// A first, good state: a sync as of an older clock sees the same data; then the
		// base grows and the next full sync is killed after three staged batches.
		if _, err := f.syncer.Run(context.Background(), true); err != nil {
			t.Fatal(err)
		}
		_, sales := generated(t)
		_, err := f.emu.CreateDocument(emulator.NewDocument{ClientID: sales[0].ClientID, Date: time.Date(2026, 10, 31, 18, 0, 0, 0, moscow), Amounts: []int64{999}})
		mustDo(t, err)
		before := f.mirrored(t)

		ctx, cancel := context.WithCancel(context.Background())
		batches := 0
		f.syncer.Progress = func(mirror.Progress) {
			if batches++; batches == 3 {
				cancel()
			}
		}
		if _, err := f.syncer.Run(ctx, true); !errors.Is(err, context.Canceled) {
			t.Fatalf("the killed sync returned %v, want context.Canceled", err)
		}
		if got := f.mirrored(t); diff(got, before) != "[]" {
			t.Fatalf("a killed sync changed the mirror: %s", diff(got, before))
		}
		f.syncer.Progress = nil
		res, err := f.syncer.Run(context.Background(), true)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Resumed {
			t.Error("the next sync started over instead of resuming")
		}
		if got := f.mirrored(t); len(got) != len(before)+1 {
			t.Errorf("after resuming: %d documents, want %d", len(got), len(before)+1)
		}
	})
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
