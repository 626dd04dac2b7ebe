package tokens_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
	"github.com/rfm9/rfm9/tokens"
)

func TestTokenLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, err := tokens.NewStore(db)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		tok, secret, err := s.Create(ctx, "1c-trade", []string{tokens.ScopeRead, tokens.ScopeSalesWrite}, now)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "rfm9_") || len(secret) < 40 {
			t.Errorf("secret %q", secret)
		}
		var stored string
		if err := db.Get(&stored, "SELECT hash FROM api_tokens"); err != nil || strings.Contains(stored, secret) {
			t.Errorf("the secret is stored in clear (%v)", err)
		}
		got, err := s.Authenticate(ctx, secret)
		if err != nil || got.ID != tok.ID || !got.Has(tokens.ScopeSalesWrite) || got.Has(tokens.ScopeAdmin) {
			t.Errorf("authenticate: %+v %v", got, err)
		}
		if _, err := s.Authenticate(ctx, secret+"x"); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a wrong secret: %v", err)
		}
		if ok, err := s.Revoke(ctx, "1c-trade", now); !ok || err != nil {
			t.Fatalf("revoke: %v %v", ok, err)
		}
		if _, err := s.Authenticate(ctx, secret); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a revoked token still works: %v", err)
		}
		if _, _, err := s.Create(ctx, "x", []string{"write-everything"}, now); err == nil {
			t.Error("an unknown scope was accepted")
		}
	})
}

func TestAdminHasEveryScope(t *testing.T) {
	tok := tokens.Token{Scopes: tokens.ScopeAdmin}
	for _, sc := range tokens.Scopes {
		if !tok.Has(sc) {
			t.Errorf("admin lacks %s", sc)
		}
	}
}

// A token revoked on another replica stops working there within the two seconds a
// found token is trusted; on this one at once.
func TestRevocationReachesOtherReplicas(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	here, _ := tokens.NewStore(db)
	there, _ := tokens.NewStore(db)
	now := time.Now()
	_, secret, err := here.Create(ctx, "1c", []string{tokens.ScopeRead}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := there.Authenticate(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := here.Revoke(ctx, "1c", now); err != nil {
		t.Fatal(err)
	}
	if _, err := here.Authenticate(ctx, secret); !errors.Is(err, tokens.ErrUnknown) {
		t.Fatalf("revoked here, still works here: %v", err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, err := there.Authenticate(ctx, secret)
		if errors.Is(err, tokens.ErrUnknown) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("revoked on another replica, still works after 3 s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
