// Package demo makes deterministic demo sales that look like the sales register of a
// 1C trade base, for `rfm9 gen` and the 1C emulator: Generate streams them as
// onec.Sale, WriteCSV writes the same lines as CSV, Source serves them as an
// onec.Source, and Clients gives the matching counterparty catalog.
//
// The same Options give the same data, byte for byte, on any machine: every random
// draw comes from a math/rand/v2 PCG stream seeded from Options.Seed, no map order or
// clock is read, and floating-point steps are written so that no compiler may fuse
// them (detmath.go); the output is checked equal on amd64, amd64 with FMA and arm64.
//
// Shape of the data, with the constants that set it:
//
//   - History: the 3 years up to Options.End (default 2026-10-31), Europe/Moscow.
//   - Seasons (calendar.go): each day has a weight, the product of a month factor
//     (Dec 1.5, Nov 1.3, Mar 1.25, Jun–Aug 0.7–0.75), a weekday factor (Sat 0.55,
//     Sun 0.03), 0.1 on the New Year holidays (1–8 January) and a linear growth of
//     28% a year. Schedules are drawn on the cumulative weight, not on calendar
//     days, so every client's purchases follow the seasons. Documents are dated in
//     business hours, 9:00–20:00, busiest around 14:30.
//   - Purchases per client (plan.go): exactly 57% of the clients (rounded) buy once;
//     the others buy 2+X times, X geometric with 0.4, 1.2 or 5.2 times the mean the
//     totals call for (60%, 33% and 7% of them), so a few reach dozens of purchases.
//     The counts are then nudged to add up to the planned purchase documents.
//   - Timing (schedule.go): a one-time buyer's purchase is uniform over the weighted
//     history, so later years bring more new clients. A repeat buyer's purchases
//     fill a window of (purchases−1) × its interval (log-normal, median 60 weighted
//     days, σ 0.8), at most 60–98% of the history, placed uniformly and allowed to
//     stick out of either end by half (then its first or last purchase seen falls
//     within an interval of that end): clients still buying at the end are as common
//     as at any time, and recency as of End spreads over 0–90, 91–180 and 180+ days.
//   - Documents (budget.go, lines.go): 1–8 lines, 1 + Binomial(7, p) with a random p,
//     which gives about 24% single-line documents and a mean of 3.6, so Lines/3.53
//     documents in all. A line is price × quantity − discount: the price log-normal
//     (median 800 ₽, σ 1) times the client's spend multiplier (log-normal, σ 0.7),
//     the quantity whole units (1 + geometric, mean 2.5) or, for 12% of the lines,
//     0.1–5 kg; a quarter of the lines carry a 2–10% discount.
//   - Returns (returns.go): exactly 3% of the documents, attached to purchases picked
//     uniformly. A return is a later document (1–20 weighted days; the same day,
//     later, when the history ends first) of the same client with 1–3 negative lines
//     of that purchase, whole or 20–90% of a line, so never more than was bought.
//     The exception, like goods bought before the history: at most 5 returns in a
//     run, each on a one-time buyer with odds 1/4000, return 1.5–3× their purchase.
//   - Identifiers (guid.go): 1C-style v1 GUIDs; clients and documents take distinct
//     values of one keyed 56-bit bijection, so ids never collide and never come out
//     empty. Within one second documents follow GUID order.
//   - Totals: exactly Options.Clients clients, each with a purchase, and exactly
//     Options.Lines lines: each document's line count aims at the mean the remaining
//     lines and documents call for and is clamped so that the last ones can always
//     close the total.
//
// Memory: the generator keeps a 20-byte schedule per client, a list head per day,
// the returns due in the next 64 days and the documents of one day, and walks the
// days in order: 10M lines for 1.5M clients run in about 40 MB.
package demo
