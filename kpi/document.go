package kpi

import (
	"fmt"

	"github.com/rfm9/rfm9/lifecycle"
)

// Document is one sale document of one client, as the mirror keeps it: a row of
// sales_documents with the client replaced by a dense index.
type Document struct {
	Client   uint32        // 0..Clients-1; the caller numbers the clients
	Day      lifecycle.Day // the document's date in the base's time zone
	Net      int64         // kopecks, sales minus returns; > 0 is a purchase, < 0 a return
	Discount int64         // kopecks, as the source gives it; 0 where it has none
	Lines    int32         // lines of the document
}

// order checks what every accumulator needs of its input: known clients, dates that
// never go back. The caller sorts by date; the order within a day does not matter.
type order struct {
	clients int
	last    lifecycle.Day
	seen    bool
}

func (o *order) check(d *Document) error {
	if int64(d.Client) >= int64(o.clients) {
		return fmt.Errorf("kpi: document of client %d on %s: only %d clients", d.Client, d.Day, o.clients)
	}
	if o.seen && d.Day < o.last {
		return fmt.Errorf("kpi: document of %s after one of %s: documents must come in date order", d.Day, o.last)
	}
	o.last, o.seen = d.Day, true
	return nil
}

// chunk is how many documents Add reads ahead. Clients come in random order, so each
// document's state is a cache miss (and often a TLB miss) on a million clients; touching
// a chunk's states in a tight loop first lets the CPU fetch them all at once instead of
// one after another — Go has no prefetch instruction, and this does the same.
const chunk = 64
