package tokens_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rfm9/rfm9/store"
	"github.com/rfm9/rfm9/store/storetest"
	"github.com/rfm9/rfm9/tokens"
)

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, err := tokens.NewStore(db)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		tok, _, err := s.Create(ctx, "manager", []string{tokens.ScopeRead}, now)
		if err != nil {
			t.Fatal(err)
		}
		secret, err := s.CreateSession(ctx, tok, now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := db.Get(&stored, "SELECT hash FROM sessions"); err != nil || stored == secret {
			t.Errorf("the session secret is stored in clear (%v)", err)
		}
		got, err := s.AuthenticateSession(ctx, secret, now.Add(59*time.Minute))
		if err != nil || got.ID != tok.ID || got.Name != "manager" {
			t.Errorf("authenticate: %+v %v", got, err)
		}
		if _, err := s.AuthenticateSession(ctx, secret, now.Add(time.Hour)); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("an expired session still works: %v", err)
		}
		if _, err := s.AuthenticateSession(ctx, secret+"x", now); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a wrong secret: %v", err)
		}

		// Logout ends the session; revoking the token ends the others.
		other, err := s.CreateSession(ctx, tok, now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateSession(ctx, secret, now); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a deleted session still works: %v", err)
		}
		if _, err := s.AuthenticateSession(ctx, other, now); err != nil {
			t.Errorf("the other session ended with the first: %v", err)
		}
		if _, err := s.Revoke(ctx, "manager", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateSession(ctx, other, now); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a session outlives its revoked token: %v", err)
		}

		// A token replaced with the same secret (RFM9_ADMIN_TOKEN at every start) takes
		// its sessions with it.
		admin, _, err := s.CreateWithSecret(ctx, "admin", []string{tokens.ScopeAdmin}, "admin-secret-0123456789", now)
		if err != nil {
			t.Fatal(err)
		}
		sess, err := s.CreateSession(ctx, admin, now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.CreateWithSecret(ctx, "admin", []string{tokens.ScopeAdmin}, "admin-secret-0123456789", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateSession(ctx, sess, now); !errors.Is(err, tokens.ErrUnknown) {
			t.Errorf("a session outlives its replaced token: %v", err)
		}
	})
}

func TestSigningKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		a, _ := tokens.NewStore(db)
		b, _ := tokens.NewStore(db) // another replica on the same store
		k1, err := a.SigningKey(ctx, "csrf", now)
		if err != nil || len(k1) != 32 {
			t.Fatalf("key %x %v", k1, err)
		}
		k2, err := b.SigningKey(ctx, "csrf", now)
		if err != nil || !bytes.Equal(k1, k2) {
			t.Errorf("replicas got different keys: %x %x %v", k1, k2, err)
		}
		k3, err := a.SigningKey(ctx, "other", now)
		if err != nil || bytes.Equal(k1, k3) {
			t.Errorf("two names share a key: %v", err)
		}
	})
}
