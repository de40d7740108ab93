package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is one errdex serve process.
type server struct {
	cmd  *exec.Cmd
	base string
	ops  string // the operations listener: /metrics, the detailed /readyz

	done     chan struct{} // closed when the process has exited
	exitCode int           // valid once done is closed; -1 when killed by a signal

	mu        sync.Mutex
	errorMsgs map[string]int // lines logged at ERROR, by message
	errorEx   map[string]string
}

// startServer starts bin with args (which must log JSON) and waits for its
// "listening" line, appending everything it logs to logPath.
func startServer(ctx context.Context, bin string, args []string, logPath string) (*server, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	// The operations listener on a free port too: the soak reads the
	// reload counts and the metrics there.
	args = append(append([]string(nil), args...), "--ops-addr", "127.0.0.1:0")
	cmd := exec.Command(bin, args...)
	// The server dies with the soak, whatever kills the soak.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		logf.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan struct{}), errorMsgs: map[string]int{}, errorEx: map[string]string{}}
	addrc := make(chan [2]string, 1)
	logged := make(chan struct{})
	go func() {
		defer close(logged)
		defer logf.Close()
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Bytes()
			logf.Write(line)
			logf.Write([]byte{'\n'})
			var l struct {
				Level string `json:"level"`
				Msg   string `json:"msg"`
				Addr  string `json:"addr"`
				Ops   string `json:"ops_addr"`
			}
			if json.Unmarshal(line, &l) != nil {
				continue
			}
			if l.Msg == "listening" {
				select {
				case addrc <- [2]string{l.Addr, l.Ops}:
				default:
				}
			}
			if l.Level == "ERROR" {
				s.mu.Lock()
				s.errorMsgs[l.Msg]++
				if _, ok := s.errorEx[l.Msg]; !ok {
					s.errorEx[l.Msg] = string(line)
				}
				s.mu.Unlock()
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	go func() {
		// Wait closes the pipe: only once everything logged has been read.
		<-logged
		err := cmd.Wait()
		s.exitCode = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			s.exitCode = ee.ExitCode()
		} else if err != nil {
			s.exitCode = -1
		}
		close(s.done)
	}()
	select {
	case addr := <-addrc:
		s.base, s.ops = "http://"+addr[0], "http://"+addr[1]
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("%s exited with %d before listening; see %s", bin, s.exitCode, logPath)
	case <-time.After(60 * time.Second):
		s.kill()
		return nil, fmt.Errorf("%s did not listen within 60 s; see %s", bin, logPath)
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
}

func (s *server) pid() int { return s.cmd.Process.Pid }

func (s *server) signal(sig os.Signal) error { return s.cmd.Process.Signal(sig) }

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() {
	s.cmd.Process.Kill()
	<-s.done
}

// wait waits up to d for the process to exit and returns its exit status.
func (s *server) wait(d time.Duration) (int, bool) {
	select {
	case <-s.done:
		return s.exitCode, true
	case <-time.After(d):
		return 0, false
	}
}

// errors returns the lines logged at ERROR, by message, with one example each.
func (s *server) errorLines() (map[string]int, map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	counts, ex := map[string]int{}, map[string]string{}
	for k, v := range s.errorMsgs {
		counts[k] = v
		ex[k] = s.errorEx[k]
	}
	return counts, ex
}

// readyz is the part of /readyz the soak reads.
type readyz struct {
	Status  string `json:"status"`
	Catalog struct {
		Version string `json:"version"`
		Entries int    `json:"entries"`
	} `json:"catalog"`
	Reloads struct {
		OK     int64 `json:"ok"`
		Failed int64 `json:"failed"`
	} `json:"reloads"`
}

var probeClient = &http.Client{Timeout: 10 * time.Second}

func getJSON(url string, v any) (int, error) {
	resp, err := probeClient.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			return resp.StatusCode, fmt.Errorf("%s: %v", url, err)
		}
	}
	return resp.StatusCode, nil
}

func (s *server) readyz() (readyz, error) {
	var rz readyz
	code, err := getJSON(s.ops+"/readyz", &rz)
	if err == nil && code != 200 {
		err = fmt.Errorf("readyz: status %d", code)
	}
	return rz, err
}

// waitReady waits until /readyz answers 200.
func (s *server) waitReady(d time.Duration) (readyz, error) {
	deadline := time.Now().Add(d)
	for {
		rz, err := s.readyz()
		if err == nil && rz.Status == "ready" {
			return rz, nil
		}
		if time.Now().After(deadline) {
			return rz, fmt.Errorf("not ready after %s: %v", d, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// rssBytes reads the resident set size of pid from /proc.
func rssBytes(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// metricValues reads unlabelled gauges from /metrics; a name it lacks is
// an error, not a zero.
func (s *server) metricValues(names ...string) (map[string]float64, error) {
	resp, err := probeClient.Get(s.ops + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		if !ok || !want[name] {
			continue
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
			out[name] = f
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("/metrics has no %s", n)
		}
	}
	return out, nil
}

// machineTicks is what /proc/stat says all CPUs did, in clock ticks.
type machineTicks struct {
	busy int64 // user, nice and system time: processes
	irq  int64 // hardware and software interrupts (loopback TCP among them)
	// steal is time the hypervisor gave the machine's CPUs to someone
	// else: on a shared virtual machine it comes and goes with other
	// tenants, and every request waiting for a CPU meanwhile waits longer.
	steal int64
}

// cpuTicks returns what the whole machine's CPUs did (from /proc/stat) and
// the CPU time process pid has used, in clock ticks.
func cpuTicks(pid int) (machine machineTicks, proc int64) {
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		f := strings.Fields(line)
		// cpu user nice system idle iowait irq softirq steal ...
		for i, v := range f[1:] {
			n, _ := strconv.ParseInt(v, 10, 64)
			switch i {
			case 0, 1, 2:
				machine.busy += n
			case 5, 6:
				machine.irq += n
			case 7:
				machine.steal += n
			}
		}
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		// Fields after the command name, which is in parentheses.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 {
			f := strings.Fields(s[i+1:])
			if len(f) > 13 {
				u, _ := strconv.ParseInt(f[11], 10, 64)
				st, _ := strconv.ParseInt(f[12], 10, 64)
				proc = u + st
			}
		}
	}
	return machine, proc
}

// cpuUse measures, over a phase, how busy the machine was and how much of
// that was errdex and the soak itself: on a shared machine the rest is
// other people's work, which slows answers as much as errdex's own, and
// so is the hypervisor's steal.
type cpuUse struct {
	start          time.Time
	machine0       machineTicks
	server0, self0 int64
	pid            int
}

func startCPU(pid int) *cpuUse {
	c := &cpuUse{start: time.Now(), pid: pid}
	c.machine0, c.server0 = cpuTicks(pid)
	_, c.self0 = cpuTicks(os.Getpid())
	return c
}

// String reports each as a share of one CPU over the phase (100 ticks a
// second, the Linux default).
func (c *cpuUse) String() string {
	m, s := cpuTicks(c.pid)
	_, self := cpuTicks(os.Getpid())
	secs := time.Since(c.start).Seconds() * 100
	share := func(t int64) float64 { return float64(t) / secs }
	busy, srv, me := share(m.busy-c.machine0.busy), share(s-c.server0), share(self-c.self0)
	irq, steal := share(m.irq-c.machine0.irq), share(m.steal-c.machine0.steal)
	return fmt.Sprintf("machine busy %.2f CPUs: errdex %.2f, soak %.2f, other processes %.2f, interrupts %.2f; stolen by the hypervisor %.2f (load average now %s)",
		busy+irq, srv, me, max(busy-srv-me, 0), irq, steal, loadavg())
}

// stolen returns the CPUs the hypervisor stole, on average, since start.
func (c *cpuUse) stolen() float64 {
	m, _ := cpuTicks(c.pid)
	return float64(m.steal-c.machine0.steal) / (time.Since(c.start).Seconds() * 100)
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// serverLatency reads errdex's own access log and returns the durations
// of the /api/v1 requests it logged between from and to: the time inside
// the server, without the network, the client or waiting to be scheduled.
func serverLatency(logPath string, from, to time.Time) []time.Duration {
	f, err := os.Open(logPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []time.Duration
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if !strings.Contains(string(line), `"msg":"request"`) {
			continue
		}
		var l struct {
			Time     time.Time `json:"time"`
			Path     string    `json:"path"`
			Duration int64     `json:"duration"` // nanoseconds, slog's JSON form
		}
		if json.Unmarshal(line, &l) != nil || !strings.HasPrefix(l.Path, "/api/v1/") {
			continue
		}
		if l.Time.Before(from) || l.Time.After(to) {
			continue
		}
		out = append(out, time.Duration(l.Duration))
	}
	return out
}
