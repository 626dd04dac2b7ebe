package dashboard

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// The assets folder always holds committed files (styles, the page scripts, the vendor
// folder's README), so the package builds before `make assets` has fetched ECharts.
//
//go:embed assets
var assetFS embed.FS

// echartsFile is the vendored ECharts bundle; without it the pages say that charts are
// unavailable and show their tables only.
const echartsFile = "echarts.min.js"

// assets are the embedded files by base name, each served under a URL that carries its
// checksum, so browsers cache them for good and a new build changes the URL.
type assets struct {
	files map[string]*asset
}

type asset struct {
	name, sum, mime string
	data            []byte
	once            sync.Once
	gz              []byte // made on first request: ECharts shrinks threefold
}

func loadAssets() (*assets, error) {
	as := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := path.Base(p)
		mime := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}[path.Ext(name)]
		if mime == "" {
			return nil // the vendor folder's README
		}
		data, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		as.files[name] = &asset{name: name, sum: hex.EncodeToString(sum[:5]), mime: mime, data: data}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dashboard: assets: %w", err)
	}
	return as, nil
}

// url is where the page links an asset; "" when the asset is not in this build.
func (as *assets) url(name string) string {
	a, ok := as.files[name]
	if !ok {
		return ""
	}
	return "/static/" + a.sum + "/" + a.name
}

// charts reports whether this build carries ECharts.
func (as *assets) charts() bool { return as.files[echartsFile] != nil }

// serve answers GET /static/{sum}/{name}; an old checksum is a 404, never stale content
// under a URL that promises to be immutable.
func (as *assets) serve(c *fiber.Ctx) error {
	a, ok := as.files[c.Params("name")]
	if !ok || a.sum != c.Params("sum") {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, a.mime)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Vary(fiber.HeaderAcceptEncoding)
	if strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(a.gzipped())
	}
	return c.Send(a.data)
}

func (a *asset) gzipped() []byte {
	a.once.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(a.data)
		zw.Close()
		a.gz = buf.Bytes()
	})
	return a.gz
}
