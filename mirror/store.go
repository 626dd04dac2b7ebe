// Package mirror keeps rfm9's local copy of 1C sales — one row per sale document and
// client — in step with the base, and the lifecycle results computed from it. A sync
// stages what it reads and swaps it in with one transaction, so a failed sync leaves the
// last good state untouched and the next one resumes from its checkpoint.
package mirror

import (
	_ "embed"
	"fmt"
	"sync"
	"time"

	"github.com/rfm9/rfm9/lifecycle"

	"github.com/rfm9/rfm9/store"
)

//go:embed queries.sql
var queriesSQL string

// queries are the mirror's named queries from queries.sql.
type queries struct {
	FindResumableRun       string `query:"find-resumable-run"`
	DropUnfinishedRuns     string `query:"drop-unfinished-runs"`
	CreateRun              string `query:"create-run"`
	MarkRun                string `query:"mark-run"`
	SetCheckpoint          string `query:"set-checkpoint"`
	UnstageFrom            string `query:"unstage-from"`
	UnstageClients         string `query:"unstage-clients"`
	StageDocuments         string `query:"stage-documents"`
	StageClients           string `query:"stage-clients"`
	ClearChanges           string `query:"clear-changes"`
	StagedByDocument       string `query:"staged-by-document"`
	MirrorByDocument       string `query:"mirror-by-document"`
	MirrorWindowByDocument string `query:"mirror-window-by-document"`
	StageChanges           string `query:"stage-changes"`
	DeleteChanged          string `query:"delete-changed"`
	InsertChanged          string `query:"insert-changed"`
	InsertStaged           string `query:"insert-staged"`
	ReplaceClients         string `query:"replace-clients"`
	DeleteGoneClients      string `query:"delete-gone-clients"`
	CountStagedClients     string `query:"count-staged-clients"`
	ClearStaging           string `query:"clear-staging"`
	AnyDocument            string `query:"any-document"`
	AllDocuments           string `query:"all-documents"`
	DocumentsByClient      string `query:"documents-by-client"`
	UpsertSegment          string `query:"upsert-segment"`
	AllResults             string `query:"all-results"`
	JournalPush            string `query:"journal-push"`
	JournalLast            string `query:"journal-last"`
	JournalIDs             string `query:"journal-ids"`
	JournalAfter           string `query:"journal-after"`
	ForgetPushes           string `query:"forget-pushes"`
	LastDoneRun            string `query:"last-done-run"`
	FindClient             string `query:"find-client"`
	FindClientByINN        string `query:"find-client-by-inn"`
	FindClientByEmail      string `query:"find-client-by-email"`
	FindClientByPhone      string `query:"find-client-by-phone"`
	ClientsByName          string `query:"clients-by-name"`
	CurrentBounds          string `query:"current-bounds"`
	SaveBounds             string `query:"save-bounds"`
	BoundsHistory          string `query:"bounds-history"`
	RecordChange           string `query:"record-change"`
	ClientHistory          string `query:"client-history"`
	SegmentTotals          string `query:"segment-totals"`
	ClearMatrix            string `query:"clear-matrix"`
	InsertMatrix           string `query:"insert-matrix"`
	CurrentMatrix          string `query:"current-matrix"`
	MatrixStamp            string `query:"matrix-stamp"`
	ClaimVersion           string `query:"claim-version"`
	DocumentClients        string `query:"document-clients"`
	DeleteDocument         string `query:"delete-document"`
	InsertDocument         string `query:"insert-document"`
	ClientDocuments        string `query:"client-documents"`
	CurrentCode            string `query:"current-code"`
	CurrentSegment         string `query:"current-segment"`
	DeleteSegment          string `query:"delete-segment"`

	PreviewOldestResult     string `query:"preview-oldest-result"`
	PreviewChangedDocuments string `query:"preview-changed-documents"`
	PreviewResults          string `query:"preview-results"`
	PreviewResultsExcept    string `query:"preview-results-except"`
	PreviewClientCount      string `query:"preview-client-count"`
	PreviewNotYet           string `query:"preview-not-yet"`
}

// Store is the mirror's access to the database.
type Store struct {
	db    *store.DB
	q     queries
	sq    snapQueries
	kq    kpiQueries
	snaps codesCache
	keys  keysCache

	// The current matrix is read on every API call and changes only when the results are
	// recomputed: it is kept decoded for matrixTTL (another replica's recompute shows
	// within that) and dropped at once when this process saves a new one.
	matrixMu    sync.Mutex
	matrix      *lifecycle.Matrix
	matrixAt    time.Time
	matrixStamp string // its computed_at, which a push compares inside its transaction

	// Pushes waiting to be written together (SQLite; pushgroup.go).
	pushes pushQueue

	// One recompute at a time in this process; replicas find out at write (refresh.go).
	refreshMu sync.Mutex
	// pushFault, when set (tests), fails the pushes of the documents it returns an error for.
	pushFault func([]Pushed) error
	// beforeApply, when set (tests), runs between a recompute's reading and its writing.
	beforeApply func()
	// afterChunk, when set (tests), runs after each chunk of results a recompute writes,
	// told the results written and those still due.
	afterChunk func(written, due []resultWrite)
	// resultChunk is how many results one transaction of a recompute writes (0:
	// resultChunk, the constant; tests take smaller ones).
	resultChunk int
}

// matrixTTL bounds how stale the cached matrix can be after another replica recomputes.
const matrixTTL = 10 * time.Second

// NewStore loads the mirror's queries for db's dialect.
func NewStore(db *store.DB) (*Store, error) {
	s := &Store{db: db}
	if err := db.LoadQueries(&s.q, queriesSQL); err != nil {
		return nil, fmt.Errorf("mirror: %w", err)
	}
	if err := db.LoadQueries(&s.sq, snapshotsSQL); err != nil {
		return nil, fmt.Errorf("mirror: %w", err)
	}
	if err := db.LoadQueries(&s.kq, kpiMonthsSQL); err != nil {
		return nil, fmt.Errorf("mirror: %w", err)
	}
	return s, nil
}
