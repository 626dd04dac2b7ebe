package exports

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

// ReportStore is what AssembleKPIReport reads. *mirror.Store provides it; the interface
// is the test seam that lets the assembly be checked against a fake.
type ReportStore interface {
	CurrentBounds(ctx context.Context, def lifecycle.Bounds) (mirror.BoundsVersion, error)
	CurrentMatrix(ctx context.Context) (lifecycle.Matrix, bool, error)
	KPIDocuments(ctx context.Context, to lifecycle.Day, clients func(int) error, fn func([]kpi.Document) error) error
	Dynamics(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Dynamics, error)
	Transitions(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Transitions, error)
}

// KPIReportRequest says which report to assemble.
type KPIReportRequest struct {
	Range  kpi.Range
	Period kpi.PeriodKind
	Lang   string
	Names  *lifecycle.Names
	Bounds lifecycle.Bounds // the defaults, in force until a version is saved
	Now    time.Time
}

// AssembleKPIReport reads what the KPI report shows: the KPIs and the cohorts from one
// pass over the documents, the current matrix, and the snapshots in the range.
func AssembleKPIReport(ctx context.Context, s ReportStore, req KPIReportRequest) (*KPIReport, error) {
	bounds, err := s.CurrentBounds(ctx, req.Bounds)
	if err != nil {
		return nil, err
	}
	r := &KPIReport{Lang: req.Lang, Range: req.Range, Period: req.Period, Generated: req.Now, BoundsVersion: bounds.Version, Names: req.Names}
	start := time.Now()
	if err := readKPIs(ctx, s, req, bounds.Bounds, r); err != nil {
		return nil, err
	}
	slog.Debug("kpi report: documents read", "elapsed", time.Since(start))
	m, ok, err := s.CurrentMatrix(ctx)
	if err != nil {
		return nil, err
	}
	if ok {
		r.Matrix = &m
	}
	if err := readSnapshots(ctx, s, req, r); err != nil {
		return nil, err
	}
	slog.Debug("kpi report: assembled", "elapsed", time.Since(start), "periods", len(r.Rows), "snapshots", r.Snapshots)
	return r, nil
}

// readKPIs feeds the same batches of documents to the periodic KPIs and to the cohorts,
// so the documents are read once for both.
func readKPIs(ctx context.Context, s ReportStore, req KPIReportRequest, b lifecycle.Bounds, r *KPIReport) error {
	var p *kpi.Periodic
	var co *kpi.Cohorts
	err := s.KPIDocuments(ctx, req.Range.To, func(n int) error {
		var err error
		if p, err = kpi.NewPeriodic(kpi.Options{Range: req.Range, Period: req.Period, Clients: n, Bounds: b}); err != nil {
			return err
		}
		co, err = kpi.NewCohorts(req.Range, n)
		return err
	}, func(batch []kpi.Document) error {
		if err := p.Add(batch); err != nil {
			return err
		}
		return co.Add(batch)
	})
	if err != nil {
		return fmt.Errorf("exports: kpi report: %w", err)
	}
	rep := p.Report()
	r.Rows = rep.Rows(kpi.ByNone, req.Names)
	r.Segments = rep.Rows(kpi.BySegment, req.Names)
	r.Cohorts = co.Report()
	return nil
}

// readSnapshots reads the cells' sizes at every snapshot in the range and, when there
// are two or more, the moves between the first and the last.
func readSnapshots(ctx context.Context, s ReportStore, req KPIReportRequest, r *KPIReport) error {
	g := lifecycle.NewGrouping(lifecycle.LevelCell, req.Names)
	d, err := s.Dynamics(ctx, req.Range.From, req.Range.To, g)
	if err != nil {
		return fmt.Errorf("exports: kpi report: %w", err)
	}
	r.Dynamics, r.Snapshots = d, len(d.Points)
	if len(d.Points) < 2 {
		return nil
	}
	t, err := s.Transitions(ctx, d.Points[0].AsOf, d.Points[len(d.Points)-1].AsOf, g)
	if err != nil {
		return fmt.Errorf("exports: kpi report: %w", err)
	}
	r.Transitions = &t
	return nil
}
