package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/disintegration/imaging"
)

const (
	maxBodyBytes = 32 << 20
	maxPixels    = 50_000_000 // as raster-service
	maxSide      = 1 << 16
)

type service struct {
	watermark image.Image
	metrics   *metrics
}

// httpError is a failure with the status it deserves.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func (s *service) thumbnail(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost {
		return &httpError{http.StatusMethodNotAllowed, "use POST"}
	}
	q := r.URL.Query()
	size, err := intParam(q.Get("size"), 256, 1, 4096, "size")
	if err != nil {
		return err
	}
	quality, err := intParam(q.Get("quality"), 85, 1, 100, "quality")
	if err != nil {
		return err
	}
	format, err := formatParam(q.Get("format"))
	if err != nil {
		return err
	}
	img, err := decodeBody(w, r)
	if err != nil {
		return err
	}
	b := img.Bounds()
	tw, th := fittedSize(b.Dx(), b.Dy(), size)
	if tw != b.Dx() || th != b.Dy() {
		img = imaging.Resize(img, tw, th, imaging.Lanczos)
	}
	return writeImage(w, img, format, quality)
}

func (s *service) watermarkHandler(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost {
		return &httpError{http.StatusMethodNotAllowed, "use POST"}
	}
	q := r.URL.Query()
	x, err := intParam(q.Get("x"), 0, -(1 << 20), 1<<20, "x")
	if err != nil {
		return err
	}
	y, err := intParam(q.Get("y"), 0, -(1 << 20), 1<<20, "y")
	if err != nil {
		return err
	}
	opacity := 128.0 / 255
	if v := q.Get("opacity"); v != "" {
		a, err := strconv.ParseFloat(v, 64)
		if err != nil || a < 0 || a > 1 {
			return badRequest("bad query: opacity must be a number in 0...1")
		}
		opacity = a
	}
	format, err := formatParam(q.Get("format"))
	if err != nil {
		return err
	}
	img, err := decodeBody(w, r)
	if err != nil {
		return err
	}
	out := imaging.Overlay(img, s.watermark, image.Pt(x, y), opacity)
	return writeImage(w, out, format, 90)
}

// decodeBody reads the body, checks the header against the limits, then decodes.
func decodeBody(w http.ResponseWriter, r *http.Request) (image.Image, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, "body larger than the limit"}
		}
		return nil, badRequest("reading body: %v", err)
	}
	if len(body) == 0 {
		return nil, badRequest("empty body: send the image as the request body")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return nil, decodeError(err)
	}
	if cfg.Width > maxSide || cfg.Height > maxSide || cfg.Width*cfg.Height > maxPixels {
		return nil, &httpError{http.StatusRequestEntityTooLarge,
			fmt.Sprintf("image %dx%d exceeds the limit of %d pixels", cfg.Width, cfg.Height, maxPixels)}
	}
	// imaging.Decode applies the EXIF orientation, as raster-service does.
	img, err := imaging.Decode(bytes.NewReader(body), imaging.AutoOrientation(true))
	if err != nil {
		return nil, decodeError(err)
	}
	return img, nil
}

func decodeError(err error) error {
	var unsupported png.UnsupportedError
	var junsupported jpeg.UnsupportedError
	switch {
	case errors.Is(err, image.ErrFormat):
		return &httpError{http.StatusUnsupportedMediaType, "unknown image format"}
	case errors.As(err, &unsupported), errors.As(err, &junsupported):
		return &httpError{http.StatusUnsupportedMediaType, err.Error()}
	default:
		return badRequest("decode: %v", err)
	}
}

// fittedSize: the long side becomes box, the short side rounds to nearest (at least 1);
// never enlarged. The same rule as raster-service.
func fittedSize(w, h, box int) (int, int) {
	if w <= box && h <= box {
		return w, h
	}
	if w >= h {
		return box, max1((h*box*2 + w) / (2 * w))
	}
	return max1((w*box*2 + h) / (2 * h)), box
}

func max1(v int) int {
	if v < 1 {
		return 1
	}
	return v
}

func writeImage(w http.ResponseWriter, img image.Image, format string, quality int) error {
	var buf bytes.Buffer
	var err error
	contentType := "image/png"
	if format == "jpeg" {
		contentType = "image/jpeg"
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return &httpError{http.StatusInternalServerError, "encode: " + err.Error()}
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

func intParam(v string, def, lo, hi int, name string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("bad query: %s must be a whole number in %d...%d", name, lo, hi)
	}
	return n, nil
}

func formatParam(v string) (string, error) {
	switch v {
	case "", "png":
		return "png", nil
	case "jpeg", "jpg":
		return "jpeg", nil
	}
	return "", badRequest("bad query: format must be jpeg or png")
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body+"\n")
}

// counted wraps a handler: echoes X-Request-Id, answers errors as one-line JSON, and
// counts the outcome.
func (s *service) counted(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.metrics.start()
		if id := r.Header.Get("X-Request-Id"); id != "" {
			w.Header().Set("X-Request-Id", id)
		}
		status := http.StatusOK
		if err := h(w, r); err != nil {
			var he *httpError
			if errors.As(err, &he) {
				status = he.status
				writeJSON(w, status, fmt.Sprintf(`{"error":%s}`, strconv.Quote(strings.ToValidUTF8(he.msg, "?"))))
			} else {
				// The response was already started (a write to the client failed).
				status = 499
			}
		}
		s.metrics.finish(status)
	}
}

func loadWatermark(path string) (image.Image, error) {
	if path == "" {
		mark := image.NewNRGBA(image.Rect(0, 0, 96, 32))
		draw.Draw(mark, mark.Bounds(), image.NewUniform(color.NRGBA{255, 255, 255, 160}), image.Point{}, draw.Src)
		for y := 0; y < 32; y++ {
			for x := (y / 4) % 8; x < 96; x += 8 {
				for i := 0; i < 4 && x+i < 96; i++ {
					mark.SetNRGBA(x+i, y, color.NRGBA{20, 20, 20, 200})
				}
			}
		}
		return mark, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}
