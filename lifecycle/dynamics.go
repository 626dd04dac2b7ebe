package lifecycle

// Dynamics is the size of every group at each snapshot, oldest first.
type Dynamics struct {
	Level  Level
	Groups []Group
	Points []DynamicsPoint
}

// DynamicsPoint is one snapshot: its totals per group (in Dynamics.Groups order) and the
// two shares the director watches. Lost are clients in R1; repeat are clients in F2 or
// F3 (more than the first class of purchase counts).
type DynamicsPoint struct {
	AsOf          Day
	BoundsVersion int
	Clients       int
	Monetary      int64 // kopecks
	Groups        []Totals
	Lost, Repeat  int // clients
}

// AddPoint appends a snapshot's matrix, grouped as g.
func (d *Dynamics) AddPoint(m *Matrix, boundsVersion int, g *Grouping) {
	p := DynamicsPoint{AsOf: m.AsOf, BoundsVersion: boundsVersion, Clients: m.Clients, Groups: make([]Totals, len(g.Groups))}
	for _, c := range Codes() {
		t := m.Code(c)
		i, _ := g.Of(Pack(c))
		p.Groups[i].Clients += t.Clients
		p.Groups[i].Monetary += t.Monetary
		p.Groups[i].Purchases += t.Purchases
		p.Monetary += t.Monetary
		if c.R == 1 {
			p.Lost += t.Clients
		}
		if c.F >= 2 {
			p.Repeat += t.Clients
		}
	}
	d.Points = append(d.Points, p)
}
