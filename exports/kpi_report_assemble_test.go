package exports

import (
	"context"
	"testing"
	"time"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

// fakeStore serves the fixture's documents and snapshots as of the given days.
type fakeStore struct {
	t         *testing.T
	snapshots []lifecycle.Day
	reads     int              // passes over the documents
	asked     [2]lifecycle.Day // the days Transitions was asked for
}

func (s *fakeStore) CurrentBounds(ctx context.Context, def lifecycle.Bounds) (mirror.BoundsVersion, error) {
	return mirror.BoundsVersion{Version: 4, Bounds: def}, nil
}

func (s *fakeStore) CurrentMatrix(ctx context.Context) (lifecycle.Matrix, bool, error) {
	return *fixtureMatrix(s.t, fixtureRange.To), true, nil
}

func (s *fakeStore) KPIDocuments(ctx context.Context, to lifecycle.Day, clients func(int) error, fn func([]kpi.Document) error) error {
	s.reads++
	if err := clients(3); err != nil {
		return err
	}
	docs := fixtureDocs()
	if err := fn(docs[:2]); err != nil { // two batches: both passes must see both
		return err
	}
	return fn(docs[2:])
}

func (s *fakeStore) Dynamics(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Dynamics, error) {
	d := lifecycle.Dynamics{Level: g.Level, Groups: g.Groups}
	for _, day := range s.snapshots {
		if day >= from && day <= to {
			d.AddPoint(fixtureMatrix(s.t, day), 4, g)
		}
	}
	return d, nil
}

func (s *fakeStore) Transitions(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Transitions, error) {
	s.asked = [2]lifecycle.Day{from, to}
	t := fixtureTransitions(g)
	t.From, t.To = from, to
	return t, nil
}

func TestAssembleKPIReport(t *testing.T) {
	d := lifecycle.DayFromCivil
	s := &fakeStore{t: t, snapshots: []lifecycle.Day{d(2023, 12, 31), d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31)}}
	req := KPIReportRequest{Range: fixtureRange, Period: kpi.Month, Lang: "en", Names: fixtureNames(t), Bounds: lifecycle.DefaultBounds(),
		Now: time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)}
	r, err := AssembleKPIReport(context.Background(), s, req)
	if err != nil {
		t.Fatal(err)
	}
	if s.reads != 1 {
		t.Errorf("the documents were read %d times, want once for the KPIs and the cohorts", s.reads)
	}
	if len(r.Rows) != 3 || r.Rows[0].Revenue != 373_506 || r.Rows[2].Purchases != 1 {
		t.Errorf("rows %+v", r.Rows)
	}
	if len(r.Segments) != 3*10 {
		t.Errorf("%d segment rows, want 9 cells and new for each of 3 months", len(r.Segments))
	}
	if co := r.Cohorts.Cohorts; len(co) != 3 || co[0].Clients != 1 || co[0].Months[0].Net != 123_456 {
		t.Errorf("cohorts %+v", co)
	}
	if r.BoundsVersion != 4 || r.Matrix == nil || r.Lang != "en" || !r.Generated.Equal(req.Now) {
		t.Errorf("header: version %d, matrix %v, lang %q, generated %v", r.BoundsVersion, r.Matrix != nil, r.Lang, r.Generated)
	}
	// The December snapshot is before the range: dynamics and transitions start in January.
	if r.Snapshots != 3 || r.Transitions == nil || s.asked != [2]lifecycle.Day{d(2024, 1, 31), d(2024, 3, 31)} {
		t.Errorf("snapshots %d, transitions asked for %v", r.Snapshots, s.asked)
	}

	s = &fakeStore{t: t, snapshots: []lifecycle.Day{d(2024, 3, 31)}}
	if r, err = AssembleKPIReport(context.Background(), s, req); err != nil {
		t.Fatal(err)
	}
	if r.Snapshots != 1 || r.Transitions != nil || s.asked != [2]lifecycle.Day{} {
		t.Errorf("one snapshot: transitions %v, asked %v", r.Transitions, s.asked)
	}
}
