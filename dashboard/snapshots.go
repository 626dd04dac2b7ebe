package dashboard

import (
	"context"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

// Snapshots is what the dynamics page and the client's time line read: *mirror.Store in
// the service, a fake in the tests that need hand-made histories.
type Snapshots interface {
	ListSnapshots(ctx context.Context) ([]mirror.SnapshotInfo, error)
	Dynamics(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Dynamics, error)
	Transitions(ctx context.Context, from, to lifecycle.Day, g *lifecycle.Grouping) (lifecycle.Transitions, error)
	ClientSnapshots(ctx context.Context, id string) ([]mirror.ClientSnapshot, error)
}
