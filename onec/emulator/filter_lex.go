package emulator

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a $filter token.
type tokKind uint8

// Kinds of $filter tokens.
const (
	tEOF tokKind = iota
	tIdent
	tString // 'text'
	tTyped  // datetime'…', guid'…' and other prefixed literals
	tNumber // 12, -3.5, 1e3, 2.5M
	tLParen // (
	tRParen // )
	tComma  // ,
)

// token is one lexeme of $filter; for tTyped, prefix holds the literal's type.
type token struct {
	kind   tokKind
	text   string
	prefix string
}

// lexFilter splits a $filter expression into tokens.
func lexFilter(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t':
			i += size
			continue
		case r == '(' || r == ')' || r == ',':
			toks = append(toks, token{kind: punctuation(r), text: string(r)})
			i++
			continue
		}
		tok, n, err := lexOne(s[i:], r)
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		i += n
	}
	return append(toks, token{kind: tEOF}), nil
}

// punctuation is the kind of a bracket or comma.
func punctuation(r rune) tokKind {
	switch r {
	case '(':
		return tLParen
	case ')':
		return tRParen
	}
	return tComma
}

// lexOne reads the token starting with rune r at the start of s.
func lexOne(s string, r rune) (token, int, error) {
	switch {
	case r == '\'':
		text, n, err := lexQuoted(s)
		return token{kind: tString, text: text}, n, err
	case r == '-' || r >= '0' && r <= '9':
		n := lexNumber(s)
		return token{kind: tNumber, text: s[:n]}, n, nil
	case r == '_' || unicode.IsLetter(r):
		n := lexIdent(s)
		if n < len(s) && s[n] == '\'' {
			text, m, err := lexQuoted(s[n:])
			return token{kind: tTyped, prefix: s[:n], text: text}, n + m, err
		}
		return token{kind: tIdent, text: s[:n]}, n, nil
	}
	return token{}, 0, fmt.Errorf("неожиданный символ %q", r)
}

// lexIdent is the length of the identifier at the start of s.
func lexIdent(s string) int {
	for i, r := range s {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return i
		}
	}
	return len(s)
}

// lexNumber is the length of the number at the start of s, with its type suffix.
func lexNumber(s string) int {
	n := 0
	if s[0] == '-' {
		n++
	}
	for n < len(s) && strings.IndexByte("0123456789.eE+", s[n]) >= 0 {
		if (s[n] == '+') && s[n-1] != 'e' && s[n-1] != 'E' {
			break
		}
		n++
	}
	if n < len(s) && strings.IndexByte("dDmMlLfF", s[n]) >= 0 {
		n++
	}
	return n
}

// lexQuoted reads '…' at the start of s, where ” stands for one quote.
func lexQuoted(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, nil
	}
	return "", 0, fmt.Errorf("незакрытая строка %s", s)
}
