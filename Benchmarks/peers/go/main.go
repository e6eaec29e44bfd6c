// Go standard library peer for raster-bench: image/png, image/jpeg, compress/zlib and
// image/draw (Over), measured with the same definitions and JSON lines as raster-bench
// plus "peer":"go". Built by Benchmarks/peers/build.sh.
package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

type corpusFile struct {
	name          string
	data          []byte
	isPNG         bool
	width, height int
	idat          []byte
	filteredSize  int
}

var budget float64

func digest(b []byte) uint64 {
	h := uint64(0xCBF29CE484222325)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		h = (h ^ binary.LittleEndian.Uint64(b[i:])) * 0x100000001B3
	}
	for ; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 0x100000001B3
	}
	return h
}

// pixBytes is the pixel buffer of the image types the standard decoders return.
func pixBytes(img image.Image) []byte {
	switch m := img.(type) {
	case *image.RGBA:
		return m.Pix
	case *image.NRGBA:
		return m.Pix
	case *image.RGBA64:
		return m.Pix
	case *image.NRGBA64:
		return m.Pix
	case *image.Gray:
		return m.Pix
	case *image.Gray16:
		return m.Pix
	case *image.Paletted:
		return m.Pix
	case *image.YCbCr:
		return append(append(append([]byte(nil), m.Y...), m.Cb...), m.Cr...)
	}
	return nil
}

// measure follows raster-bench's policy: warm-up (twice when fast), then runs until the
// budget is spent, at least five unless very slow, every output compared with the first.
func decodePNG(f *corpusFile) (image.Image, error) { return png.Decode(bytes.NewReader(f.data)) }

// eachDecodedPNG calls body for every PNG of the corpus that Go's decoder accepts; the
// decode is set-up, outside any timing.
func eachDecodedPNG(files []*corpusFile, body func(f *corpusFile, img image.Image)) {
	for _, f := range files {
		if !f.isPNG {
			continue
		}
		img, err := decodePNG(f)
		if err != nil {
			continue
		}
		body(f, img)
	}
}

func measure(op string, f *corpusFile, inputBytes int, run func() ([]byte, error), extra string) {
	runtime.GC()
	t0 := time.Now()
	ref, err := run()
	first := time.Since(t0).Seconds()
	if err != nil {
		fmt.Fprintf(os.Stderr, "go %s %s: %v\n", op, f.name, err)
		return
	}
	refSize, refHash := len(ref), digest(ref)
	warm := first < budget/10
	var times []float64
	start := time.Now()
	for {
		wall := time.Since(start).Seconds()
		n := len(times)
		if !(n == 0 || (n < 5 && wall < 3*budget) || (wall < budget && n < 5000)) {
			break
		}
		a := time.Now()
		out, err := run()
		t := time.Since(a).Seconds()
		if err != nil || len(out) != refSize || digest(out) != refHash {
			fmt.Fprintf(os.Stderr, "go %s %s: output changed between runs\n", op, f.name)
			return
		}
		if warm {
			warm = false
			continue
		}
		times = append(times, t)
	}
	sort.Float64s(times)
	n := len(times)
	median := times[n/2]
	if n%2 == 0 {
		median = (times[n/2-1] + times[n/2]) / 2
	}
	pixels := f.width * f.height
	b := inputBytes
	if b < 0 {
		b = refSize
	}
	fmt.Printf("{\"op\":\"%s\",\"file\":\"%s\",\"pixels\":%d,\"bytes\":%d,\"median_s\":%.9f,\"mpix_s\":%.3f,\"peer\":\"go\"%s}\n",
		op, f.name, pixels, b, median, float64(pixels)/1e6/median, extra)
}

func be32(b []byte) int { return int(binary.BigEndian.Uint32(b)) }

func parsePNG(f *corpusFile) {
	off := 8
	depth, ctype := 8, 0
	for off+12 <= len(f.data) {
		n := be32(f.data[off:])
		typ := string(f.data[off+4 : off+8])
		if off+12+n > len(f.data) {
			break
		}
		d := f.data[off+8 : off+8+n]
		switch typ {
		case "IHDR":
			f.width, f.height, depth, ctype = be32(d), be32(d[4:]), int(d[8]), int(d[9])
		case "IDAT":
			f.idat = append(f.idat, d...)
		}
		off += 12 + n
		if typ == "IEND" {
			break
		}
	}
	ch := map[int]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
	// Non-interlaced layout (the corpus has no interlaced files).
	f.filteredSize = f.height * (1 + (f.width*ch*depth+7)/8)
}

func loadCorpus(dir string) []*corpusFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var files []*corpusFile
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || len(data) < 8 {
			continue
		}
		f := &corpusFile{name: e.Name(), data: data}
		if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			f.isPNG = true
			parsePNG(f)
		} else if data[0] == 0xFF && data[1] == 0xD8 {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				continue
			}
			f.width, f.height = cfg.Width, cfg.Height
		} else {
			continue
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files
}

// toNRGBA gives straight 8-bit RGBA of any decoded image (setup only).
func toNRGBA(img image.Image) *image.NRGBA {
	if m, ok := img.(*image.NRGBA); ok {
		return m
	}
	b := img.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x, y, color.NRGBAModel.Convert(img.At(x, y)))
		}
	}
	return out
}

func destination(w, h int) *image.RGBA {
	d := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*d.Stride + x*4
			d.Pix[i], d.Pix[i+1], d.Pix[i+2], d.Pix[i+3] = uint8(x), uint8(y), uint8(x+y), 255
		}
	}
	return d
}

func main() {
	corpusDir := flag.String("corpus", "Fixtures/bench", "corpus folder")
	flag.Float64Var(&budget, "time", 1.0, "seconds per case")
	opsFlag := flag.String("ops", "", "comma-separated operations")
	flag.Bool("json", true, "always JSON")
	flag.Parse()
	wants := func(op string) bool {
		if *opsFlag == "" {
			return true
		}
		for _, o := range strings.Split(*opsFlag, ",") {
			if o == op {
				return true
			}
		}
		return false
	}
	files := loadCorpus(*corpusDir)
	decodeJPEG := func(f *corpusFile) (*image.RGBA, error) {
		img, err := jpeg.Decode(bytes.NewReader(f.data))
		if err != nil {
			return nil, err
		}
		// The contract's output is an RGBA raster; image/draw has a fast YCbCr path.
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		return rgba, nil
	}

	if wants("png-decode") {
		for _, f := range files {
			if f.isPNG {
				f := f
				measure("png-decode", f, len(f.data), func() ([]byte, error) {
					img, err := decodePNG(f)
					if err != nil {
						return nil, err
					}
					return pixBytes(img), nil
				}, "")
			}
		}
	}
	if wants("png-encode") {
		eachDecodedPNG(files, func(f *corpusFile, img image.Image) {
			measure("png-encode", f, -1, func() ([]byte, error) {
				var buf bytes.Buffer
				err := png.Encode(&buf, img)
				return buf.Bytes(), err
			}, "")
		})
	}
	if wants("inflate") {
		for _, f := range files {
			if !f.isPNG {
				continue
			}
			f := f
			measure("inflate", f, len(f.idat), func() ([]byte, error) {
				r, err := zlib.NewReader(bytes.NewReader(f.idat))
				if err != nil {
					return nil, err
				}
				out := make([]byte, f.filteredSize)
				_, err = io.ReadFull(r, out)
				return out, err
			}, "")
		}
	}
	if wants("deflate") {
		eachDecodedPNG(files, func(f *corpusFile, img image.Image) {
			raw := toNRGBA(img).Pix
			compress := func(level int) ([]byte, error) {
				var buf bytes.Buffer
				w, err := zlib.NewWriterLevel(&buf, level)
				if err != nil {
					return nil, err
				}
				if _, err := w.Write(raw); err != nil {
					return nil, err
				}
				err = w.Close()
				return buf.Bytes(), err
			}
			l1, _ := compress(1)
			l9, _ := compress(9)
			measure("deflate", f, -1, func() ([]byte, error) { return compress(6) },
				fmt.Sprintf(",\"bytes_l1\":%d,\"bytes_l9\":%d", len(l1), len(l9)))
		})
	}
	if wants("jpeg-decode") {
		for _, f := range files {
			if f.isPNG {
				continue
			}
			f := f
			measure("jpeg-decode", f, len(f.data), func() ([]byte, error) {
				img, err := decodeJPEG(f)
				if err != nil {
					return nil, err
				}
				return img.Pix, nil
			}, "")
		}
	}
	if wants("jpeg-encode") {
		for _, f := range files {
			if f.isPNG {
				continue
			}
			img, err := decodeJPEG(f)
			if err != nil {
				continue
			}
			measure("jpeg-encode", f, -1, func() ([]byte, error) {
				var buf bytes.Buffer
				err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
				return buf.Bytes(), err
			}, "")
		}
	}
	if wants("composite") || wants("composite-watermark") {
		eachDecodedPNG(files, func(f *corpusFile, img image.Image) {
			src := toNRGBA(img)
			opaque := true
			for i := 3; i < len(src.Pix); i += 4 {
				if src.Pix[i] != 255 {
					opaque = false
					break
				}
			}
			if opaque {
				return
			}
			base := destination(f.width, f.height)
			run := func() ([]byte, error) {
				dst := &image.RGBA{Pix: append([]byte(nil), base.Pix...), Stride: base.Stride, Rect: base.Rect}
				draw.Draw(dst, dst.Bounds(), src, image.Point{}, draw.Over)
				return dst.Pix, nil
			}
			out, _ := run()
			worst := 0
			for i := 0; i < len(out); i++ {
				a := int(src.Pix[i|3])
				exact := 255
				if i%4 != 3 {
					exact = (a*int(src.Pix[i]) + (255-a)*int(base.Pix[i]) + 127) / 255
				}
				if d := exact - int(out[i]); d > worst || -d > worst {
					if d < 0 {
						d = -d
					}
					worst = d
				}
			}
			if worst > 2 {
				fmt.Fprintf(os.Stderr, "go composite %s: off by up to %d from the exact result\n", f.name, worst)
			}
			if wants("composite") {
				measure("composite", f, len(src.Pix), run, "")
			}
			if wants("composite-watermark") {
				// A 50% watermark: Over through a uniform mask of alpha 128, as Raster's .opacity(128).
				half := image.NewUniform(color.Alpha{A: 128})
				measure("composite-watermark", f, len(src.Pix), func() ([]byte, error) {
					dst := &image.RGBA{Pix: append([]byte(nil), base.Pix...), Stride: base.Stride, Rect: base.Rect}
					draw.DrawMask(dst, dst.Bounds(), src, image.Point{}, half, image.Point{}, draw.Over)
					return dst.Pix, nil
				}, "")
			}
		})
	}
}
