// Go resize and thumbnail peers for raster-bench's resize and thumbnail operations, as the
// C resize harness (../resize_common.c) defines them: the same cases, JSON lines (with
// "peer":"go-draw" or "go-imaging") and --dump folder for the accuracy script.
//
//   - go-draw: golang.org/x/image/draw Kernel.Scale (BiLinear = triangle, CatmullRom); it has
//     no Lanczos kernel, so its lanczos3 cases are not measured. The source is the straight
//     *image.NRGBA (premultiplied per pixel in 16 bits, filtered in float64); the destination
//     is *image.RGBA, its fast path, which is premultiplied 8-bit: for images with alpha the
//     timed run ends by un-premultiplying it to straight RGBA, the contract's output.
//   - go-imaging: github.com/disintegration/imaging Resize (Lanczos, Linear, CatmullRom),
//     alpha-weighted in float64 but rounded to 8 bits between the horizontal and the vertical
//     pass; thumbnail: imaging.Decode (auto-orientation; Go has no DCT-scaled JPEG decode, so
//     no shrink-on-load) + imaging.Fit(256, 256, Lanczos) + image/jpeg at quality 85.
//
// Built from Debian's golang-golang-x-image-dev and golang-github-disintegration-imaging-dev
// with GO111MODULE=off (Benchmarks/peers/build.sh). Single-threaded: GOMAXPROCS is 1, which
// also keeps imaging's row workers to one.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/disintegration/imaging"
	"golang.org/x/image/draw"
)

var filterNames = []string{"lanczos3", "triangle", "catmull-rom"}

type corpusFile struct {
	name   string
	data   []byte
	isPNG  bool
	pixels int
}

type job struct {
	src            *image.NRGBA
	alpha          bool
	tw, th, filter int
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

// measure follows raster-bench's policy (as ../../c/peer_common.c): one warm-up run when
// runs are short, then runs until the budget is spent, at least five unless very slow,
// every output compared with the first.
func measure(peer, op, file string, pixels, inputBytes int, run func() ([]byte, error), note string) {
	runtime.GC()
	t0 := time.Now()
	ref, err := run()
	first := time.Since(t0).Seconds()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s %s %s: %v\n", peer, op, file, err)
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
			fmt.Fprintf(os.Stderr, "%s %s %s: output changed between runs\n", peer, op, file)
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
	b := inputBytes
	if b < 0 {
		b = refSize
	}
	extra := ""
	if note != "" {
		extra = fmt.Sprintf(",\"note\":\"%s\"", note)
	}
	fmt.Printf("{\"op\":\"%s\",\"file\":\"%s\",\"pixels\":%d,\"bytes\":%d,\"median_s\":%.9f,\"mpix_s\":%.3f,\"peer\":\"%s\"%s}\n",
		op, file, pixels, b, median, float64(pixels)/1e6/median, peer, extra)
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
		if err != nil {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			continue
		}
		files = append(files, &corpusFile{name: e.Name(), data: data, isPNG: ext == ".png", pixels: cfg.Width * cfg.Height})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files
}

// straightRGBA8 gives the decoded PNG as straight RGBA8 (set-up, not timed); 16-bit
// samples are rounded to nearest, as libpng's png_set_scale_16 in the C harness.
func straightRGBA8(img image.Image) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := color.NRGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA64)
			i := y*out.Stride + x*4
			for k, v := range []uint16{c.R, c.G, c.B, c.A} {
				out.Pix[i+k] = uint8((uint32(v)*255 + 32767) / 65535)
			}
		}
	}
	return out
}

// target is width 256 (height rounded to nearest) or half size (w/2 x h/2), at least 1.
func target(w, h int, half bool) (int, int) {
	atLeast1 := func(n int) int {
		if n < 1 {
			return 1
		}
		return n
	}
	scaled := func(n, num, den int) int {
		v := (2*n*num + den) / (2 * den)
		if v < 1 {
			return 1
		}
		return v
	}
	if half {
		return atLeast1(w / 2), atLeast1(h / 2)
	}
	return 256, scaled(h, 256, w)
}

// unpremultiply turns premultiplied RGBA8 into straight RGBA8 in place, rounding to nearest.
func unpremultiply(p []byte) {
	for i := 0; i+3 < len(p); i += 4 {
		a := uint32(p[i+3])
		if a == 0 || a == 255 {
			continue
		}
		for k := 0; k < 3; k++ {
			v := (uint32(p[i+k])*255 + a/2) / a
			if v > 255 {
				v = 255
			}
			p[i+k] = uint8(v)
		}
	}
}

type peer struct {
	name    string
	filters map[int]bool
	resize  func(j *job) []byte
	note    func(j *job) string
}

var kernels = map[int]*draw.Kernel{1: draw.BiLinear, 2: draw.CatmullRom}
var imagingFilters = map[int]imaging.ResampleFilter{0: imaging.Lanczos, 1: imaging.Linear, 2: imaging.CatmullRom}

var peers = []peer{
	{
		name:    "go-draw",
		filters: map[int]bool{1: true, 2: true},
		resize: func(j *job) []byte {
			dst := image.NewRGBA(image.Rect(0, 0, j.tw, j.th))
			kernels[j.filter].Scale(dst, dst.Bounds(), j.src, j.src.Bounds(), draw.Src, nil)
			if j.alpha {
				unpremultiply(dst.Pix)
			}
			return dst.Pix
		},
		note: func(j *job) string {
			if j.alpha {
				return "premultiplied 8-bit output, un-premultiplied"
			}
			return ""
		},
	},
	{
		name:    "go-imaging",
		filters: map[int]bool{0: true, 1: true, 2: true},
		resize: func(j *job) []byte {
			return imaging.Resize(j.src, j.tw, j.th, imagingFilters[j.filter]).Pix
		},
		note: func(j *job) string { return "8-bit between passes" },
	},
}

func thumbnail(data []byte) ([]byte, error) {
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = jpeg.Encode(&buf, imaging.Fit(img, 256, 256, imaging.Lanczos), &jpeg.Options{Quality: 85})
	return buf.Bytes(), err
}

type dumper struct {
	dir      string
	manifest *os.File
}

func (d *dumper) write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(d.dir, name), data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	corpusDir := flag.String("corpus", "Fixtures/bench", "corpus folder")
	flag.Float64Var(&budget, "time", 1.0, "seconds per case")
	opsFlag := flag.String("ops", "", "comma-separated operations")
	dumpDir := flag.String("dump", "", "run each case once and write the rasters here")
	flag.Bool("json", true, "always JSON")
	flag.Parse()
	runtime.GOMAXPROCS(1)
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
	var dump *dumper
	if *dumpDir != "" {
		os.MkdirAll(*dumpDir, 0o755)
		m, err := os.OpenFile(filepath.Join(*dumpDir, "manifest.jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer m.Close()
		dump = &dumper{*dumpDir, m}
	}
	files := loadCorpus(*corpusDir)

	if wants("resize") {
		for _, f := range files {
			if !f.isPNG {
				continue
			}
			img, err := png.Decode(bytes.NewReader(f.data))
			if err != nil {
				continue
			}
			src := straightRGBA8(img)
			alpha := false
			for i := 3; i < len(src.Pix); i += 4 {
				alpha = alpha || src.Pix[i] != 255
			}
			w, h := src.Rect.Dx(), src.Rect.Dy()
			if dump != nil {
				dump.write(f.name+".input.rgba", src.Pix)
			}
			for _, p := range peers {
				for _, half := range []bool{false, true} {
					for k, fname := range filterNames {
						if !p.filters[k] {
							continue
						}
						tw, th := target(w, h, half)
						j := &job{src, alpha, tw, th, k}
						label := map[bool]string{false: "w256", true: "half"}[half] + "-" + fname
						if dump != nil {
							// Both peers dump into one folder: the peer's name keeps their files apart.
							name := p.name + "_" + f.name + "@" + label + ".rgba"
							dump.write(name, p.resize(j))
							fmt.Fprintf(dump.manifest, "{\"peer\":\"%s\",\"file\":\"%s\",\"case\":\"%s\",\"output\":\"%s\",\"input\":\"%s.input.rgba\",\"w\":%d,\"h\":%d,\"tw\":%d,\"th\":%d,\"filter\":\"%s\"}\n",
								p.name, f.name, label, name, f.name, w, h, tw, th, fname)
							continue
						}
						p := p
						measure(p.name, "resize", f.name+"@"+label, f.pixels, -1,
							func() ([]byte, error) { return p.resize(j), nil }, p.note(j))
					}
				}
			}
		}
	}
	if wants("thumbnail") {
		for _, f := range files {
			f := f
			if dump != nil {
				out, err := thumbnail(f.data)
				if err != nil {
					fmt.Fprintf(os.Stderr, "go-imaging thumbnail %s: %v\n", f.name, err)
					continue
				}
				dump.write(f.name+"@thumb.jpg", out)
				fmt.Fprintf(dump.manifest, "{\"peer\":\"go-imaging\",\"file\":\"%s\",\"case\":\"thumb\",\"output\":\"%s@thumb.jpg\",\"source\":\"%s\"}\n",
					f.name, f.name, filepath.Join(*corpusDir, f.name))
				continue
			}
			measure("go-imaging", "thumbnail", f.name, f.pixels, -1, func() ([]byte, error) { return thumbnail(f.data) },
				"no shrink-on-load")
		}
	}
}
