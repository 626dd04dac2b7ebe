package tokens

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// CreateSession starts a browser session for a token that was just proved (the dashboard
// login) and returns the session's secret for the cookie; like a token's, only its hash
// is stored. Expired sessions are swept here, since logins are rare and cheap to delay.
func (s *Store) CreateSession(ctx context.Context, tok Token, now time.Time, ttl time.Duration) (string, error) {
	if _, err := s.db.ExecContext(ctx, s.q.DeleteExpired, now.UTC()); err != nil {
		return "", fmt.Errorf("tokens: sweep sessions: %w", err)
	}
	secret, err := NewSecret()
	if err != nil {
		return "", err
	}
	if _, err := s.db.ExecContext(ctx, s.q.CreateSession, hash(secret), tok.ID, now.UTC(), now.Add(ttl).UTC()); err != nil {
		return "", fmt.Errorf("tokens: create session for %q: %w", tok.Name, err)
	}
	return secret, nil
}

// AuthenticateSession finds the live token behind a session secret: the session must not
// have expired and its token must not have been revoked since the login.
func (s *Store) AuthenticateSession(ctx context.Context, secret string, now time.Time) (Token, error) {
	var t Token
	err := s.db.GetContext(ctx, &t, s.q.FindSession, hash(secret), now.UTC())
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrUnknown
	}
	if err != nil {
		return t, fmt.Errorf("tokens: authenticate session: %w", err)
	}
	return t, nil
}

// DeleteSession ends a session (logout); an unknown secret is not an error.
func (s *Store) DeleteSession(ctx context.Context, secret string) error {
	if _, err := s.db.ExecContext(ctx, s.q.DeleteSession, hash(secret)); err != nil {
		return fmt.Errorf("tokens: delete session: %w", err)
	}
	return nil
}

// SigningKey returns the 32-byte key named name, making it on first use. Every replica
// sharing the store gets the same key, and it outlives restarts, so what one replica
// signed another accepts.
func (s *Store) SigningKey(ctx context.Context, name string, now time.Time) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("tokens: random: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, s.q.CreateKey, name, base64.StdEncoding.EncodeToString(fresh), now.UTC()); err != nil {
		return nil, fmt.Errorf("tokens: signing key %q: %w", name, err)
	}
	var stored string
	if err := s.db.GetContext(ctx, &stored, s.q.FindSigningKey, name); err != nil {
		return nil, fmt.Errorf("tokens: signing key %q: %w", name, err)
	}
	key, err := base64.StdEncoding.DecodeString(stored)
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("tokens: signing key %q is not 32 bytes of base64", name)
	}
	return key, nil
}
