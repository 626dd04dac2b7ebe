package mirror

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// stagedDocument is a run of lines of one document, as written to sync_staging.
type stagedDocument struct {
	RunID         int64  `db:"run_id"`
	DocumentID    string `db:"document_id"`
	ClientID      string `db:"client_id"`
	DocumentType  string `db:"document_type"`
	Period        string `db:"period"`
	Day           int32  `db:"day"`
	NetKop        int64  `db:"net_kop"`
	DiscountKop   int64  `db:"discount_kop"`
	QuantityMilli int64  `db:"quantity_milli"`
	Lines         int    `db:"lines"`
}

// insertBatch keeps multi-row inserts under both dialects' parameter limits.
const insertBatch = 500

// stager writes each batch of sales to the staging table with the checkpoint that says
// which periods are complete, in one transaction per batch.
type stager struct {
	store    *Store
	run      int64
	from     time.Time
	progress func(Progress)
	rows     []stagedDocument
	records  int64
	docs     int64
	maxSeen  time.Time
	ordered  bool // the source delivers in period order, so checkpoints are valid
	started  bool
}

func (st *stager) add(batch []onec.Sale) error {
	if !st.started {
		st.started, st.ordered = true, true
	}
	for i := range batch {
		st.addLine(&batch[i])
	}
	st.records += int64(len(batch))
	return st.flush(context.Background())
}

func (st *stager) addLine(s *onec.Sale) {
	if s.Period.Before(st.maxSeen) {
		st.ordered = false // a file in no particular order: a resumed run must start over
	}
	if s.Period.After(st.maxSeen) {
		st.maxSeen = s.Period
	}
	period := s.Period.Format(PeriodLayout)
	// Lines merge only within one period: a resumed run deletes staged rows from its
	// checkpoint period on, and a row must not hold lines from both sides of it.
	if n := len(st.rows); n > 0 {
		last := &st.rows[n-1]
		if last.DocumentID == onec.NormalizeRef(s.DocumentID) && last.ClientID == onec.NormalizeRef(s.ClientID) && last.Period == period {
			last.NetKop += s.Amount
			last.DiscountKop += s.Discount
			last.QuantityMilli += s.Quantity
			last.Lines += max(s.Lines, 1)
			return
		}
	}
	if st.from.IsZero() {
		st.from = s.Period
	}
	st.rows = append(st.rows, stagedDocument{
		RunID: st.run, DocumentID: onec.NormalizeRef(s.DocumentID), ClientID: onec.NormalizeRef(s.ClientID), DocumentType: s.DocumentType,
		Period: period, Day: int32(lifecycle.DayOf(s.Period)),
		NetKop: s.Amount, DiscountKop: s.Discount, QuantityMilli: s.Quantity, Lines: max(s.Lines, 1),
	})
}

// flush writes the staged rows and moves the checkpoint to the last period seen: every
// record before it has arrived when the source reads in period order.
func (st *stager) flush(ctx context.Context) error {
	if len(st.rows) == 0 {
		return nil
	}
	checkpoint := ""
	if st.ordered {
		checkpoint = st.maxSeen.Format(PeriodLayout)
	}
	err := st.store.db.InTx(ctx, func(tx *sqlx.Tx) error {
		for i := 0; i < len(st.rows); i += insertBatch {
			if _, err := tx.NamedExecContext(ctx, st.store.q.StageDocuments, st.rows[i:min(i+insertBatch, len(st.rows))]); err != nil {
				return fmt.Errorf("mirror: stage documents: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, st.store.q.SetCheckpoint, checkpoint, int64(len(st.rows)), st.run)
		return err
	})
	if err != nil {
		return err
	}
	st.docs += int64(len(st.rows))
	st.rows = st.rows[:0]
	if st.progress != nil {
		st.progress(Progress{Records: st.records, Documents: st.docs, Period: st.maxSeen, From: st.from})
	}
	return nil
}

// stagedClient is a client from the catalog, as written to clients_staging.
type stagedClient struct {
	RunID    int64  `db:"run_id"`
	ClientID string `db:"client_id"`
	Name     string `db:"name"`
	NameKey  string `db:"name_key"`
	INN      string `db:"inn"`
	Email    string `db:"email"`
	Phone    string `db:"phone"`
	Digits   string `db:"phone_digits"`
	Manager  string `db:"manager"`
	Fields   string `db:"fields"`
}

// stageCatalog reads the whole client catalog into clients_staging.
func (s *Store) stageCatalog(ctx context.Context, run int64, cat onec.Catalog) error {
	rows := make([]stagedClient, 0, insertBatch)
	write := func() error {
		if len(rows) == 0 {
			return nil
		}
		_, err := s.db.NamedExecContext(ctx, s.q.StageClients, rows)
		rows = rows[:0]
		return err
	}
	err := cat.Clients(ctx, func(batch []onec.Client) error {
		for _, c := range batch {
			fields, err := json.Marshal(c.Fields)
			if err != nil {
				return fmt.Errorf("client %s fields: %w", c.ID, err)
			}
			rows = append(rows, stagedClient{RunID: run, ClientID: onec.NormalizeRef(c.ID), Name: c.Name, NameKey: nameKey(c.Name), INN: c.INN,
				Email: c.Email, Phone: c.Phone, Digits: PhoneDigits(c.Phone), Manager: c.Manager, Fields: string(fields)})
			if len(rows) == insertBatch {
				if err := write(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		err = write()
	}
	if err != nil {
		return fmt.Errorf("mirror: read the client catalog: %w", err)
	}
	return nil
}

// nameKey is a name as a search compares it: lower case, ё as е (people type either).
func nameKey(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "ё", "е")
}

// PhoneDigits keeps the last ten digits of a phone number: "+7 (495) 123-45-67",
// "8 495 1234567" and "4951234567" are one number, as people type it.
func PhoneDigits(phone string) string {
	digits := make([]byte, 0, len(phone))
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) > 10 {
		digits = digits[len(digits)-10:]
	}
	return string(digits)
}
