// Package tokens holds the API's bearer tokens: random secrets shown once at creation,
// stored only as SHA-256 hashes, each with scopes that say what it may do.
package tokens

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rfm9/rfm9/store"
)

// Scopes a token can carry.
const (
	ScopeRead       = "read"        // read segments, clients, lists
	ScopeSalesWrite = "sales:write" // push documents from 1C
	ScopeAdmin      = "admin"       // everything, including bounds and syncs
	ScopeMetrics    = "metrics"     // /metrics only
)

// Scopes lists the valid scopes.
var Scopes = []string{ScopeRead, ScopeSalesWrite, ScopeAdmin, ScopeMetrics}

// Token is a stored token, without its secret.
type Token struct {
	ID        int64        `db:"id" json:"id"`
	Name      string       `db:"name" json:"name"`
	Scopes    string       `db:"scopes" json:"scopes"` // space-separated
	CreatedAt time.Time    `db:"created_at" json:"created_at"`
	RevokedAt sql.NullTime `db:"revoked_at" json:"-"`
}

// Has reports whether the token may act in scope; admin may do everything.
func (t Token) Has(scope string) bool {
	have := strings.Fields(t.Scopes)
	return slices.Contains(have, scope) || slices.Contains(have, ScopeAdmin)
}

// ErrUnknown means the secret matches no live token.
var ErrUnknown = errors.New("tokens: unknown or revoked token")

//go:embed queries.sql
var queriesSQL string

type queries struct {
	Create   string `query:"create-token"`
	FindHash string `query:"find-token-by-hash"`
	List     string `query:"list-tokens"`
	Revoke   string `query:"revoke-token"`
	Forget   string `query:"forget-secret"`

	CreateSession  string `query:"create-session"`
	FindSession    string `query:"find-session"`
	DeleteSession  string `query:"delete-session"`
	DeleteExpired  string `query:"delete-expired-sessions"`
	CreateKey      string `query:"create-signing-key"`
	FindSigningKey string `query:"find-signing-key"`
}

// Store keeps tokens in the database.
type Store struct {
	db *store.DB
	q  queries
	// live remembers tokens found for liveFor: every request authenticates, and the
	// lookup was a quarter of a card's database time. A revocation here clears it; one
	// on another replica shows there within liveFor.
	live sync.Map // secret hash → liveToken
}

type liveToken struct {
	token Token
	until time.Time
}

// liveFor is how long a found token is trusted without asking the database again.
const liveFor = 2 * time.Second

// NewStore loads the token queries for db's dialect.
func NewStore(db *store.DB) (*Store, error) {
	s := &Store{db: db}
	if err := db.LoadQueries(&s.q, queriesSQL); err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	return s, nil
}

// Create makes a token and returns its secret, which is never stored and never shown again.
func (s *Store) Create(ctx context.Context, name string, scopes []string, now time.Time) (Token, string, error) {
	for _, sc := range scopes {
		if !slices.Contains(Scopes, sc) {
			return Token{}, "", fmt.Errorf("tokens: scope %q: want one of %s", sc, strings.Join(Scopes, ", "))
		}
	}
	if name == "" || len(scopes) == 0 {
		return Token{}, "", errors.New("tokens: a token needs a name and at least one scope")
	}
	secret, err := NewSecret()
	if err != nil {
		return Token{}, "", err
	}
	return s.CreateWithSecret(ctx, name, scopes, secret, now)
}

// CreateWithSecret stores a token whose secret the caller chose (RFM9_ADMIN_TOKEN, given
// again at every start): an older token with that name is revoked, one with that secret
// replaced.
func (s *Store) CreateWithSecret(ctx context.Context, name string, scopes []string, secret string, now time.Time) (Token, string, error) {
	if len(secret) < 16 {
		return Token{}, "", errors.New("tokens: a secret needs at least 16 characters")
	}
	t := Token{Name: name, Scopes: strings.Join(scopes, " "), CreatedAt: now.UTC()}
	if _, err := s.db.ExecContext(ctx, s.q.Revoke, now.UTC(), name); err != nil {
		return Token{}, "", fmt.Errorf("tokens: revoke old %q: %w", name, err)
	}
	if _, err := s.db.ExecContext(ctx, s.q.Forget, hash(secret)); err != nil {
		return Token{}, "", fmt.Errorf("tokens: replace %q: %w", name, err)
	}
	s.live.Clear()
	err := s.db.QueryRowxContext(ctx, s.q.Create, name, t.Scopes, hash(secret), t.CreatedAt).Scan(&t.ID)
	if err != nil {
		return Token{}, "", fmt.Errorf("tokens: create %q: %w", name, err)
	}
	return t, secret, nil
}

// Authenticate finds the live token whose secret this is.
func (s *Store) Authenticate(ctx context.Context, secret string) (Token, error) {
	h := hash(secret)
	if v, ok := s.live.Load(h); ok && time.Now().Before(v.(liveToken).until) {
		return v.(liveToken).token, nil
	}
	var t Token
	st, err := s.db.Stmt(ctx, s.q.FindHash) // every request asks: parse it once
	if err != nil {
		return t, fmt.Errorf("tokens: authenticate: %w", err)
	}
	err = st.GetContext(ctx, &t, h)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrUnknown
	}
	if err != nil {
		return t, fmt.Errorf("tokens: authenticate: %w", err)
	}
	s.live.Store(h, liveToken{token: t, until: time.Now().Add(liveFor)})
	return t, nil
}

// List returns the live tokens.
func (s *Store) List(ctx context.Context) ([]Token, error) {
	var out []Token
	if err := s.db.SelectContext(ctx, &out, s.q.List); err != nil {
		return nil, fmt.Errorf("tokens: list: %w", err)
	}
	return out, nil
}

// Revoke revokes the live token with this name; it reports whether there was one.
func (s *Store) Revoke(ctx context.Context, name string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q.Revoke, now.UTC(), name)
	if err != nil {
		return false, fmt.Errorf("tokens: revoke %q: %w", name, err)
	}
	s.live.Clear()
	n, err := res.RowsAffected()
	return n > 0, err
}

// NewSecret makes a random secret with 256 bits of entropy.
func NewSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("tokens: random: %w", err)
	}
	return "rfm9_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// hash is what is stored: secrets are random and long, so a plain SHA-256 suffices
// (no salt or slow hash is needed against guessing, unlike passwords).
func hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
