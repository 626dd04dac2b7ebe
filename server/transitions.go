package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

// group is a row or column of transitions and dynamics, named in the response language.
type group struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

func groupsIn(gs []lifecycle.Group, lang string) []group {
	out := make([]group, len(gs))
	for i, g := range gs {
		out[i] = group{Key: g.Key, Name: g.Name.In(lang)}
	}
	return out
}

// cellOrder states the order behind better and worse, for whoever reads the totals.
var cellOrder = Text{
	RU: "ячейки упорядочены по давности, затем по числу покупок: 33 лучшая, 11 худшая; смена только класса суммы — «без изменений»",
	EN: "cells ranked by recency, then by purchase count: 33 best, 11 worst; a change of money class alone counts as same",
}

// transitions answers GET /api/v1/transitions?from=…&to=…&level=cell|code|stage: how
// many clients moved from each group at one snapshot to each at another. Without dates,
// the last two snapshots.
func (h *handlers) transitions(c *fiber.Ctx) error {
	level, from, to, err := h.snapshotRange(c, 2)
	if err != nil {
		return err
	}
	g := lifecycle.NewGrouping(level, h.Names)
	t, err := h.Mirror.Transitions(c.UserContext(), from, to, g)
	if errors.Is(err, mirror.ErrNotFound) {
		return Invalid(map[string]Text{"from": {RU: "оба конца должны быть датами снимков (GET /api/v1/snapshots)", EN: "both ends must be snapshot dates (GET /api/v1/snapshots)"}})
	}
	if err != nil {
		return err
	}
	l := lang(c)
	rows, cols := groupsIn(t.Groups, l), groupsIn(t.Groups, l)
	rows = append(rows, group{Key: "new", Name: pickText(l == "en", "Новые (не было покупок)", "New (no purchase before)")})
	cols = append(cols, group{Key: "gone", Name: pickText(l == "en", "Выбыли (все покупки возвращены)", "Gone (every purchase returned)")})
	return c.JSON(fiber.Map{
		"from": t.From, "to": t.To, "level": t.Level.String(), "rows": rows, "cols": cols, "counts": t.Counts,
		"better": t.Better, "same": t.Same, "worse": t.Worse, "new": t.New, "gone": t.Gone,
		"order": pickText(l == "en", cellOrder.RU, cellOrder.EN),
	})
}

// dynamicsPoint is one snapshot of GET /dynamics; shares in basis points, null for an
// empty matrix.
type dynamicsPoint struct {
	AsOf          lifecycle.Day `json:"as_of"`
	BoundsVersion int           `json:"bounds_version"`
	Clients       int           `json:"clients"`
	MonetaryKop   int64         `json:"monetary_kop"`
	Groups        []totals      `json:"groups"`
	Lost          int           `json:"lost"`
	Repeat        int           `json:"repeat"`
	LostShareBP   *int64        `json:"lost_share_bp"`
	RepeatShareBP *int64        `json:"repeat_share_bp"`
}

type totals struct {
	Clients     int   `json:"clients"`
	MonetaryKop int64 `json:"monetary_kop"`
}

// dynamics answers GET /api/v1/dynamics?from=…&to=…&level=…: the size of every group at
// each snapshot in the range (all of them without dates), with the shares of lost (R1)
// and repeat (F2–F3) clients.
func (h *handlers) dynamics(c *fiber.Ctx) error {
	level, from, to, err := h.snapshotRange(c, 0)
	if err != nil {
		return err
	}
	d, err := h.Mirror.Dynamics(c.UserContext(), from, to, lifecycle.NewGrouping(level, h.Names))
	if err != nil {
		return err
	}
	points := make([]dynamicsPoint, len(d.Points))
	for i, p := range d.Points {
		out := dynamicsPoint{AsOf: p.AsOf, BoundsVersion: p.BoundsVersion, Clients: p.Clients, MonetaryKop: p.Monetary,
			Lost: p.Lost, Repeat: p.Repeat, Groups: make([]totals, len(p.Groups)),
			LostShareBP: shareBP(p.Lost, p.Clients), RepeatShareBP: shareBP(p.Repeat, p.Clients)}
		for j, t := range p.Groups {
			out.Groups[j] = totals{Clients: t.Clients, MonetaryKop: t.Monetary}
		}
		points[i] = out
	}
	return c.JSON(fiber.Map{"from": from, "to": to, "level": d.Level.String(), "groups": groupsIn(d.Groups, lang(c)), "points": points})
}

// snapshotRange reads level, from and to; a missing date defaults to the snapshots
// themselves: the last two for a transition (last = 2), the whole series otherwise.
func (h *handlers) snapshotRange(c *fiber.Ctx, last int) (lifecycle.Level, lifecycle.Day, lifecycle.Day, error) {
	bad := map[string]Text{}
	level, err := lifecycle.ParseLevel(c.Query("level"))
	if err != nil {
		bad["level"] = Text{RU: "cell, code или stage", EN: "cell, code or stage"}
	}
	var from, to lifecycle.Day
	dates := [2]*lifecycle.Day{&from, &to}
	for i, name := range []string{"from", "to"} {
		if v := c.Query(name); v != "" {
			if *dates[i], err = lifecycle.ParseDay(v); err != nil {
				bad[name] = dateText
			}
		}
	}
	if len(bad) > 0 {
		return level, from, to, Invalid(bad)
	}
	if c.Query("from") != "" && c.Query("to") != "" {
		if from > to {
			return level, from, to, Invalid(map[string]Text{"to": {RU: "конец раньше начала", EN: "ends before it starts"}})
		}
		return level, from, to, nil
	}
	list, err := h.Mirror.ListSnapshots(c.UserContext())
	if err != nil {
		return level, from, to, err
	}
	if len(list) < max(last, 1) {
		return level, from, to, NotFound("Снимков пока недостаточно: они появятся после первой синхронизации.",
			"Not enough snapshots yet: they appear after the first sync.")
	}
	if c.Query("to") == "" {
		to = list[len(list)-1].AsOf
	}
	if c.Query("from") == "" {
		from = list[0].AsOf
		if last > 0 {
			from = list[len(list)-last].AsOf
		}
	}
	return level, from, to, nil
}

// shareBP is part of whole in basis points, null for an empty whole.
func shareBP(part, whole int) *int64 {
	return optional(kpi.Ratio{Num: int64(part), Den: int64(whole)}.BasisPoints())
}
