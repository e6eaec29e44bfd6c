# Shared by loadtest.sh and smoke.sh (sourced). Installs what the load test needs, builds
# the services, makes the bodies, and starts, drives, checks and stops one service.
# Loopback only; every run is bounded by wrk's -d and the timeouts below.

SERVICE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$SERVICE_DIR/../.." && pwd)
LOADTEST_DIR=$SERVICE_DIR/loadtest
WORK=${WORK:-$SERVICE_DIR/.build-loadtest}
mkdir -p "$WORK"

log() { echo "== $*" >&2; }

# Debian packages (wrk, Go and its image libraries, curl) and Python's Pillow and numpy.
install_deps() {
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    if ! python3 -c 'import PIL, numpy' 2>/dev/null; then
        log "installing Pillow and numpy"
        python3 -m pip install --quiet pillow numpy
    fi
}

build_raster() {
    log "building raster-service (release)"
    local start=$SECONDS
    swift build -c release --package-path "$SERVICE_DIR" >&2
    RASTER_BIN=$(swift build -c release --package-path "$SERVICE_DIR" --show-bin-path)/raster-service
    log "raster-service built in $((SECONDS - start)) s"
}

build_go() {
    log "building go-peer"
    (cd "$SERVICE_DIR/go-peer" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go build -o "$WORK/go-peer" .)
    GO_BIN=$WORK/go-peer
}

make_bodies() {
    local bodies=$WORK/bodies
    if [ ! -f "$bodies/manifest.txt" ] || [ "$LOADTEST_DIR/make_bodies.py" -nt "$bodies/manifest.txt" ]; then
        log "making request bodies"
        python3 "$LOADTEST_DIR/make_bodies.py" "$bodies" >&2
    fi
    BODIES=$bodies
}

# start_service raster|go PORT: sets SVC_PID; waits for /healthz (at most 60 s).
start_service() {
    local name=$1 port=$2
    case $name in
        raster) "$RASTER_BIN" --host 127.0.0.1 --port "$port" --memory-budget-mb "$BUDGET_MB" \
                    >"$WORK/$name.log" 2>&1 & ;;
        go) "$GO_BIN" -host 127.0.0.1 -port "$port" >"$WORK/$name.log" 2>&1 & ;;
    esac
    SVC_PID=$!
    local i
    for i in $(seq 1 600); do
        if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz"; then return 0; fi
        if ! kill -0 "$SVC_PID" 2>/dev/null; then log "$name exited at start"; cat "$WORK/$name.log" >&2; return 1; fi
        sleep 0.1
    done
    log "$name did not answer /healthz"; return 1
}

# stop_service: SIGTERM, then wait at most 30 s; sets SVC_EXIT (124 when it had to be killed).
stop_service() {
    kill -TERM "$SVC_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 300); do
        if ! kill -0 "$SVC_PID" 2>/dev/null; then break; fi
        sleep 0.1
    done
    if kill -0 "$SVC_PID" 2>/dev/null; then
        kill -KILL "$SVC_PID" 2>/dev/null || true
        wait "$SVC_PID" 2>/dev/null || true
        SVC_EXIT=124
    else
        SVC_EXIT=0
        wait "$SVC_PID" 2>/dev/null || SVC_EXIT=$?
    fi
}

rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# What the Raster build under test can do: sets MANIFEST and FORMAT for both services.
probe_capabilities() {
    local port=$1 code
    MANIFEST=$BODIES/manifest.txt
    FORMAT=jpeg
    start_service raster "$port"
    code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$BODIES/jpeg-640x480.bin" \
        "http://127.0.0.1:$port/thumbnail?size=64&format=png")
    if [ "$code" = 415 ]; then
        MANIFEST=$BODIES/manifest-nojpeg.txt
        log "this Raster build does not decode JPEG: the mix is PNG only, for both services"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$BODIES/png-small-200x150.bin" \
        "http://127.0.0.1:$port/thumbnail?size=64&format=jpeg")
    if [ "$code" != 200 ]; then
        FORMAT=png
        log "this Raster build does not encode JPEG: thumbnails are asked for as PNG"
    fi
    stop_service
}

# run_load NAME PORT CONNECTIONS SECONDS: one wrk run against a fresh service, then the
# checks; writes $WORK/results/NAME-cCONNECTIONS.run.json.
run_load() {
    local name=$1 port=$2 conns=$3 secs=$4
    local out=$WORK/results/$name-c$conns
    mkdir -p "$WORK/results"
    start_service "$name" "$port"
    local idle_rss; idle_rss=$(rss_kb "$SVC_PID" VmRSS)
    log "$name: wrk -t2 -c$conns -d${secs}s ($(basename "$MANIFEST"), $FORMAT out)"
    MIX_MANIFEST=$MANIFEST MIX_FORMAT=$FORMAT MIX_RESULT=$out.wrk.json \
        wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s -s "$LOADTEST_DIR/mix.lua" \
        "http://127.0.0.1:$port" >"$out.wrk.txt" 2>&1 || true
    # Crashed: the process is gone. Otherwise it must still answer /healthz (within 30 s:
    # it may still be finishing requests whose clients wrk has already dropped).
    local alive=true health_ms=null
    kill -0 "$SVC_PID" 2>/dev/null || alive=false
    if $alive; then
        health_ms=$(curl -s -o /dev/null -w '%{time_total}' --max-time 30 "http://127.0.0.1:$port/healthz" \
            | awk '{ printf "%.0f", $1 * 1000 }') || { alive=false; health_ms=null; }
    fi
    local peak_rss; peak_rss=$(rss_kb "$SVC_PID" VmHWM)
    # Let it drain (in-flight 0, at most 120 s) before the samples, so they meet an idle service.
    local drain_start=$SECONDS i
    for i in $(seq 1 1200); do
        curl -s --max-time 10 "http://127.0.0.1:$port/metrics" >"$out.metrics.txt" || true
        grep -Eq '_requests_in_flight 0$' "$out.metrics.txt" && break
        kill -0 "$SVC_PID" 2>/dev/null || { alive=false; break; }
        sleep 0.1
    done
    local drain_s=$((SECONDS - drain_start))
    # Full decodes of one response per valid kind, after the load.
    local sample_ok=true
    if $alive; then
        python3 "$LOADTEST_DIR/check_samples.py" "$MANIFEST" "$FORMAT" "http://127.0.0.1:$port" \
            >"$out.samples.json" || sample_ok=false
    else
        sample_ok=false
    fi
    stop_service
    cat >"$out.run.json" <<JSON
{"service":"$name","connections":$conns,"seconds":$secs,"manifest":"$(basename "$MANIFEST")","format":"$FORMAT",
 "budget_mb":$([ "$name" = raster ] && echo "$BUDGET_MB" || echo null),
 "idle_rss_kb":${idle_rss:-0},"peak_rss_kb":${peak_rss:-0},"alive_after_load":$alive,
 "healthz_after_load_ms":$health_ms,"drain_s":$drain_s,
 "exit_status":$SVC_EXIT,"samples_ok":$sample_ok}
JSON
    log "$name c=$conns: $(python3 "$LOADTEST_DIR/summarize.py" "$out")"
}
