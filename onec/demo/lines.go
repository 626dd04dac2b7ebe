package demo

import "math/rand/v2"

// line is one register line: money in kopecks, quantity in thousandths.
type line struct {
	amount   int64 // net of the discount
	quantity int64
	discount int64
}

// Line amounts.
const (
	medianPrice  = 80_000 // kopecks
	priceSigma   = 1.0
	weighedShare = 12 // percent of lines sold by weight (0.1–5 kg)
	discountOdds = 4  // one line in discountOdds has a 2–10% discount
)

// Business hours, in seconds of the day.
const (
	openSecond  = 9 * 3600
	closeSecond = 20 * 3600
)

// makeLine draws a purchase line of a client with the given spend multiplier.
func makeLine(r *rand.Rand, mult float32) line {
	price := roundInt(float64(medianPrice * float64(mult) * logNormal(r, 1, priceSigma)))
	price = max(price, 100)
	var qty int64
	if r.IntN(100) < weighedShare {
		qty = int64(100 + r.IntN(4901))
	} else {
		qty = int64(1+geometric(r, 1.5, 49)) * 1000
	}
	gross := (price*qty + 500) / 1000
	var disc int64
	if r.IntN(discountOdds) == 0 {
		disc = gross * int64(2+r.IntN(9)) / 100
	}
	return line{amount: max(gross-disc, 1), quantity: qty, discount: disc}
}

// businessSecond draws a time of day in business hours, busiest in the middle.
func businessSecond(r *rand.Rand) int32 {
	const width = closeSecond - openSecond
	return int32(openSecond + (r.IntN(width+1)+r.IntN(width+1))/2)
}
