package onec

import "context"

// Client is a client from the 1C catalog, with what campaigns need to reach them.
type Client struct {
	ID      string            // 1C GUID (Ref_Key)
	Name    string            // Description
	INN     string            // ИНН, when the catalog has it
	Email   string            // from the contact information
	Phone   string            // from the contact information, as 1C presents it
	Manager string            // the responsible manager's name or GUID
	Fields  map[string]string // other mapped catalog fields, for message templates
}

// Catalog streams the client catalog. Readers of a live base implement it beside Source.
type Catalog interface {
	// Clients calls fn with consecutive batches of clients; the batch is reused after fn
	// returns. Folders and clients marked for deletion are left out.
	Clients(ctx context.Context, fn func([]Client) error) error
}
