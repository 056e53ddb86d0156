#include "runtime/session.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <thread>
#include <tuple>

#include "diag/diag.h"
#include "runtime/funcinfo.h"
#include "runtime/tracefs.h"
#include "sema/builtins.h"
#include "util/strutil.h"

namespace dt {

// BPF_TRACE_UPROBE_MULTI (Linux 6.6), newer than this libbpf's headers.
constexpr uint32_t kAttachUprobeMulti = 48;

int possibleCpus() {
    int n = libbpf_num_possible_cpus();
    return n > 0 ? n : 1;
}

Session::Session(const CompiledProgram& prog, const ProbeRegistry& reg)
    : prog_(prog), reg_(reg), ncpus_(possibleCpus()) {}

void Session::load() {
    tracefsRoot(); // mounts tracefs/bpffs if needed
    bufsize_ = prog_.bufsize;
    for (const MapDef& m : prog_.maps) {
        LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = m.flags);
        int fd = -1;
        if (&m == &prog_.maps[kMapRingbuf])
            fd = createPrincipalBuffer(m);
        else
            fd =
                bpf_map_create(m.type, m.name.c_str(), m.keySize, m.valueSize, m.maxEntries, &opts);
        if (fd < 0) throw Error(format("failed to create map {}: {}", m.name, strerror(errno)));
        maps_.emplace_back(fd);
        for (const auto& [k, v] : m.u32Init)
            if (bpf_map_update_elem(fd, &k, &v, BPF_ANY) != 0)
                throw Error(format("failed to fill map {}: {}", m.name, strerror(errno)));
        for (const auto& [k, v] : m.bytesInit)
            if (bpf_map_update_elem(fd, &k, v.data(), BPF_ANY) != 0)
                throw Error(format("failed to fill map {}: {}", m.name, strerror(errno)));
    }
    for (const ProgramDef& p : prog_.programs) {
        std::vector<struct bpf_insn> insns = p.insns;
        for (const bpf::MapReloc& r : p.relocs) {
            insns[r.insn].imm = maps_.at(r.map).get();
            if (r.kind == bpf::MapReloc::Kind::Value) insns[r.insn + 1].imm = r.offset;
        }
        LIBBPF_OPTS(bpf_prog_load_opts, opts);
        // Callbacks (bpf_loop) need BTF func_info for every subprogram.
        ProgFuncInfo fi;
        for (const auto& in : insns)
            if (in.code == (BPF_LD | BPF_DW | BPF_IMM) && in.src_reg == BPF_PSEUDO_FUNC) {
                fi = makeFuncInfo(p.funcStarts);
                opts.prog_btf_fd = fi.btf.get();
                opts.func_info = fi.records.data();
                opts.func_info_cnt = static_cast<__u32>(fi.records.size());
                opts.func_info_rec_size = sizeof(struct bpf_func_info);
                break;
            }
        int fd = bpf_prog_load(p.type, p.name.c_str(), "GPL", insns.data(), insns.size(), &opts);
        if (fd < 0) {
            int err = errno;
            std::vector<char> log(4 << 20);
            LIBBPF_OPTS(bpf_prog_load_opts, lopts);
            lopts.prog_btf_fd = opts.prog_btf_fd;
            lopts.func_info = opts.func_info;
            lopts.func_info_cnt = opts.func_info_cnt;
            lopts.func_info_rec_size = opts.func_info_rec_size;
            lopts.log_level = 1;
            lopts.log_size = static_cast<__u32>(log.size());
            lopts.log_buf = log.data();
            bpf_prog_load(p.type, p.name.c_str(), "GPL", insns.data(), insns.size(), &lopts);
            std::string vlog(log.data());
            if (vlog.size() > 8000) vlog = "..." + vlog.substr(vlog.size() - 8000);
            throw Error(format("failed to load program {}: {}\n{}", p.name, strerror(err), vlog));
        }
        progs_.emplace_back(fd);
        // Uprobe programs also get a uprobe_multi copy: one link for many
        // probes attaches and, above all, detaches far faster (the kernel
        // waits for an RCU grace period per detached uprobe perf event).
        Fd multi;
        if (p.attach == AttachKind::Uprobe) {
            LIBBPF_OPTS(bpf_prog_load_opts, mopts);
            mopts.expected_attach_type = static_cast<bpf_attach_type>(kAttachUprobeMulti);
            multi = Fd(
                bpf_prog_load(p.type, p.name.c_str(), "GPL", insns.data(), insns.size(), &mopts));
        }
        multiProgs_.push_back(std::move(multi));
    }
}

// The principal buffer: one ring buffer for every CPU, room for each
// CPU's bufsize bytes (a power of two, at least a page).  If the kernel
// cannot make it, -x bufresize=auto halves the size until it can (DTrace
// reports the lowered size); manual gives up.
int Session::createPrincipalBuffer(const MapDef& m) {
    auto bytes = [&](uint64_t per) {
        uint64_t want = per * static_cast<uint64_t>(ncpus_), p = 4096;
        while (p < want && p < (1ull << 40))
            p <<= 1;
        return p;
    };
    for (;;) {
        uint64_t size = bytes(bufsize_);
        int fd = size <= UINT32_MAX ? bpf_map_create(m.type, m.name.c_str(), 0, 0,
                                                     static_cast<uint32_t>(size), nullptr)
                                    : -1;
        if (size > UINT32_MAX) errno = E2BIG;
        if (fd >= 0) return fd;
        if (errno != ENOMEM && errno != E2BIG && errno != EINVAL) return fd;
        if (prog_.bufResizeManual || bufsize_ <= 4096 / static_cast<uint64_t>(ncpus_)) {
            // Tracing cannot start; that is said once the probes are
            // reported as matched, as DTrace says it.
            noBuffer_ = true;
            return bpf_map_create(m.type, m.name.c_str(), 0, 0, 4096, nullptr);
        }
        bufsize_ /= 2;
    }
}

static int perfEventOpen(perf_event_attr* attr, int cpu) {
    return static_cast<int>(syscall(__NR_perf_event_open, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

void Session::attach() {
    for (size_t i = 0; i < prog_.programs.size(); i++) {
        const ProgramDef& p = prog_.programs[i];
        if (p.attach == AttachKind::Uprobe) {
            attachUprobes(i);
            continue;
        }
        if (p.attach == AttachKind::RawTracepoint) {
            attachRawTracepoints(i);
            continue;
        }
        if (p.attach != AttachKind::Tracepoint && p.attach != AttachKind::PerfClock) continue;
        if (!p.rawSyscall.empty()) {
            long tp = tracepointId("raw_syscalls", p.rawSyscall);
            if (tp < 0) throw Error("failed to enable syscall probes: no raw_syscalls tracepoints");
            perf_event_attr attr{};
            attr.size = sizeof attr;
            attr.type = PERF_TYPE_TRACEPOINT;
            attr.config = static_cast<uint64_t>(tp);
            attr.sample_period = 1;
            attr.wakeup_events = 1;
            Fd pfd(perfEventOpen(&attr, 0));
            if (!pfd.valid())
                throw Error(format("failed to enable syscall probes: {}", strerror(errno)));
            int lfd = bpf_link_create(progs_[i].get(), pfd.get(), BPF_PERF_EVENT, nullptr);
            if (lfd < 0)
                throw Error(format("failed to enable syscall probes: {}", strerror(errno)));
            links_.emplace_back(lfd);
            continue;
        }
        for (size_t pi = 0; pi < p.probes.size(); pi++) {
            uint32_t id = p.probes[pi];
            const Probe* probe = reg_.byId(id);
            std::vector<int> cpus;
            perf_event_attr attr{};
            attr.size = sizeof attr;
            std::vector<uint64_t> events; // tracepoints: the probe's events
            if (p.attach == AttachKind::Tracepoint) {
                std::vector<std::string> names = {probe->tpName};
                names.insert(names.end(), probe->moreTpNames.begin(), probe->moreTpNames.end());
                for (const std::string& name : names) {
                    long tp = tracepointId(probe->tpCategory, name);
                    if (tp < 0)
                        throw Error(format("failed to enable probe {}: no tracepoint {}:{}",
                                           probe->fullName(), probe->tpCategory, name));
                    events.push_back(static_cast<uint64_t>(tp));
                }
                attr.type = PERF_TYPE_TRACEPOINT;
                attr.sample_period = 1;
                attr.wakeup_events = 1;
                cpus.push_back(0); // a tracepoint's BPF program runs on every CPU
            } else {
                attr.type = PERF_TYPE_SOFTWARE;
                attr.config = PERF_COUNT_SW_CPU_CLOCK;
                attr.sample_period = probe->periodNs;
                if (prog_.onlyCpu >= 0)
                    cpus.push_back(prog_.onlyCpu); // -x cpu: tick-N there too
                else if (probe->everyCpu)
                    for (int c = 0; c < ncpus_; c++)
                        cpus.push_back(c);
                else
                    cpus.push_back(0);
            }
            if (events.empty()) events.push_back(attr.config);
            for (uint64_t event : events)
                for (int cpu : cpus) {
                    attr.config = event;
                    Fd pfd(perfEventOpen(&attr, cpu));
                    if (!pfd.valid()) {
                        if (errno == ENODEV && p.attach == AttachKind::PerfClock)
                            continue; // offline CPU
                        throw Error(format("failed to enable probe {}: {}", probe->fullName(),
                                           strerror(errno)));
                    }
                    LIBBPF_OPTS(bpf_link_create_opts, lopts);
                    lopts.perf_event.bpf_cookie = pi < p.cookies.size() ? p.cookies[pi] : id;
                    int lfd = bpf_link_create(progs_[i].get(), pfd.get(), BPF_PERF_EVENT, &lopts);
                    if (lfd < 0)
                        throw Error(format("failed to enable probe {}: {}", probe->fullName(),
                                           strerror(errno)));
                    // The link holds the perf event; our perf fd can go.
                    links_.emplace_back(lfd);
                }
        }
    }
}

// BPF_RAW_TRACEPOINT_OPEN's attributes with the attach cookie (Linux
// 6.10), newer than this libbpf's headers.
struct RawTracepointAttr {
    uint64_t name;
    uint32_t progFd, pad;
    uint64_t cookie;
};

void Session::attachRawTracepoints(size_t i) {
    const ProgramDef& p = prog_.programs[i];
    bool cookies = rawTracepointCookies();
    for (size_t pi = 0; pi < p.probes.size(); pi++) {
        const Probe* probe = reg_.byId(p.probes[pi]);
        RawTracepointAttr a{};
        a.name = reinterpret_cast<uint64_t>(probe->tpName.c_str());
        a.progFd = static_cast<uint32_t>(progs_[i].get());
        a.cookie = pi < p.cookies.size() ? p.cookies[pi] : probe->id;
        // Without cookie support the attribute ends at the program (one
        // program per probe then, its id built in).
        size_t size = cookies ? sizeof a : offsetof(RawTracepointAttr, pad);
        int fd = static_cast<int>(syscall(__NR_bpf, BPF_RAW_TRACEPOINT_OPEN, &a, size));
        if (fd < 0)
            throw Error(
                format("failed to enable probe {}: {}", probe->fullName(), strerror(errno)));
        links_.emplace_back(fd);
    }
}

// The uprobe PMU's type and where its retprobe flag and reference counter
// offset go in perf_event_attr::config (from sysfs, as the kernel says).
struct UprobePmu {
    int type = -1;
    int retprobeBit = 0;
    int refCtrShift = 32;
};

static const UprobePmu& uprobePmu() {
    static UprobePmu pmu = [] {
        UprobePmu u;
        std::string t = readFile("/sys/bus/event_source/devices/uprobe/type");
        if (!t.empty()) u.type = atoi(t.c_str());
        std::string r = readFile("/sys/bus/event_source/devices/uprobe/format/retprobe");
        if (startsWith(r, "config:")) u.retprobeBit = atoi(r.c_str() + 7);
        std::string c = readFile("/sys/bus/event_source/devices/uprobe/format/ref_ctr_offset");
        if (startsWith(c, "config:")) u.refCtrShift = atoi(c.c_str() + 7);
        return u;
    }();
    return pmu;
}

// BPF_LINK_CREATE for uprobe_multi, laid out as the kernel's uapi (this
// libbpf predates it).
struct UprobeMultiAttr {
    uint32_t progFd, targetFd, attachType, flags;
    uint64_t path, offsets, refCtrOffsets, cookies;
    uint32_t cnt, multiFlags, pid, pad;
    uint8_t rest[64];
};
constexpr uint32_t kUprobeMultiReturn = 1; // BPF_F_UPROBE_MULTI_RETURN

bool Session::attachUprobeMulti(size_t i) {
    const ProgramDef& p = prog_.programs[i];
    if (!multiProgs_.at(i).valid()) return false;
    struct Group {
        std::vector<uint64_t> offsets, refs, cookies;
        std::vector<bool> optional;
    };
    std::map<std::tuple<int, std::string, bool>, Group> groups;
    for (size_t pi = 0; pi < p.probes.size(); pi++) {
        const Probe* probe = reg_.byId(p.probes[pi]);
        Group& g = groups[{probe->uprobePid, probe->uprobePath, probe->uretprobe}];
        for (size_t site = 0; site <= probe->moreOffsets.size(); site++) {
            g.offsets.push_back(site ? probe->moreOffsets[site - 1] : probe->uprobeOffset);
            g.refs.push_back(probe->semaphoreOffset);
            g.cookies.push_back(probe->uprobeCookie(site));
            g.optional.push_back(probe->uprobeOptional);
        }
    }
    std::vector<Fd> made;
    // One link per group; a group the kernel refuses is split in halves
    // until the refused probes are alone: those from globs are left out
    // (instructions uprobes cannot probe), any other fails the fallback.
    std::function<bool(const std::tuple<int, std::string, bool>&, const Group&, size_t, size_t)>
        link = [&](const auto& key, const Group& g, size_t from, size_t to) -> bool {
        const auto& [pid, path, ret] = key;
        UprobeMultiAttr a{};
        a.progFd = static_cast<uint32_t>(multiProgs_[i].get());
        a.attachType = kAttachUprobeMulti;
        a.path = reinterpret_cast<uint64_t>(path.c_str());
        a.offsets = reinterpret_cast<uint64_t>(g.offsets.data() + from);
        bool anyRef =
            std::any_of(g.refs.begin() + static_cast<long>(from),
                        g.refs.begin() + static_cast<long>(to), [](uint64_t r) { return r != 0; });
        a.refCtrOffsets = anyRef ? reinterpret_cast<uint64_t>(g.refs.data() + from) : 0;
        a.cookies = reinterpret_cast<uint64_t>(g.cookies.data() + from);
        a.cnt = static_cast<uint32_t>(to - from);
        a.multiFlags = ret ? kUprobeMultiReturn : 0;
        a.pid = static_cast<uint32_t>(pid);
        int fd = static_cast<int>(syscall(__NR_bpf, BPF_LINK_CREATE, &a, sizeof a));
        if (fd >= 0) {
            made.emplace_back(fd);
            return true;
        }
        if (errno == EINVAL && from == 0 && to == g.offsets.size() && made.empty())
            return false; // no uprobe_multi here
        if (to - from == 1) return g.optional[from];
        size_t mid = from + (to - from) / 2;
        return link(key, g, from, mid) && link(key, g, mid, to);
    };
    for (auto& [key, g] : groups)
        if (!link(key, g, 0, g.offsets.size())) return false; // fall back to perf events
    for (Fd& f : made)
        links_.push_back(std::move(f));
    return true;
}

void Session::attachUprobes(size_t i) {
    if (attachUprobeMulti(i)) return;
    const ProgramDef& p = prog_.programs[i];
    const UprobePmu& pmu = uprobePmu();
    if (pmu.type < 0 && !p.probes.empty())
        throw Error(format("failed to enable probe {}: the kernel has no uprobe PMU",
                           reg_.byId(p.probes[0])->fullName()));
    // Registering a uprobe waits in the kernel (it visits every mapping of
    // the file), so globs over a library's functions attach from several
    // threads at once; the links land in probe order.
    std::vector<std::vector<int>> links(p.probes.size());
    std::vector<std::string> errors(p.probes.size());
    auto attachSite = [&](size_t pi, size_t site, uint64_t offset) {
        const Probe* probe = reg_.byId(p.probes[pi]);
        perf_event_attr attr{};
        attr.size = sizeof attr;
        attr.type = static_cast<uint32_t>(pmu.type);
        attr.sample_period = 1;
        attr.wakeup_events = 1;
        if (probe->uretprobe) attr.config |= 1ull << pmu.retprobeBit;
        // The kernel raises the USDT semaphore while the uprobe exists.
        if (probe->semaphoreOffset) attr.config |= probe->semaphoreOffset << pmu.refCtrShift;
        attr.config1 = reinterpret_cast<uint64_t>(probe->uprobePath.c_str());
        attr.config2 = offset;
        Fd pfd(static_cast<int>(
            syscall(__NR_perf_event_open, &attr, probe->uprobePid, -1, -1, PERF_FLAG_FD_CLOEXEC)));
        if (!pfd.valid()) {
            // The process may have exited since its probes were made; a
            // probe from a glob may sit on an instruction uprobes refuse.
            if (errno != ESRCH && !probe->uprobeOptional)
                errors[pi] =
                    format("failed to enable probe {}: {}", probe->fullName(), strerror(errno));
            return;
        }
        LIBBPF_OPTS(bpf_link_create_opts, lopts);
        lopts.perf_event.bpf_cookie = probe->uprobeCookie(site);
        int fd = bpf_link_create(progs_[i].get(), pfd.get(), BPF_PERF_EVENT, &lopts);
        if (fd < 0)
            errors[pi] =
                format("failed to enable probe {}: {}", probe->fullName(), strerror(errno));
        else
            links[pi].push_back(fd);
    };
    auto attachOne = [&](size_t pi) {
        const Probe* probe = reg_.byId(p.probes[pi]);
        attachSite(pi, 0, probe->uprobeOffset);
        for (size_t k = 0; k < probe->moreOffsets.size(); k++)
            attachSite(pi, k + 1, probe->moreOffsets[k]);
    };
    size_t nthreads = std::min<size_t>(p.probes.size() / 4 + 1, 16);
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (size_t t = 1; t < nthreads; t++)
        threads.emplace_back([&]() {
            for (size_t pi = next++; pi < p.probes.size(); pi = next++)
                attachOne(pi);
        });
    for (size_t pi = next++; pi < p.probes.size(); pi = next++)
        attachOne(pi);
    for (auto& t : threads)
        t.join();
    for (const auto& fds : links)
        for (int fd : fds)
            links_.emplace_back(fd);
    for (const std::string& e : errors)
        if (!e.empty()) throw Error(e);
}

void Session::runOnce(AttachKind kind) {
    if (kind == AttachKind::Begin) {
        // What DTrace checks when tracing starts: every record must fit in
        // the principal buffer, and under the fill policy END's records
        // must fit in what the others leave.
        if (noBuffer_) throw Error("could not enable tracing: Not enough space");
        if (prog_.bufPolicy == BufPolicy::Fill && prog_.endReserve > bufsize_)
            throw Error("could not enable tracing: END enablings exceed size of principal buffer");
        if (prog_.aggsTooLarge || bufsize_ < prog_.maxRecord || bufsize_ == 0)
            throw Error("could not enable tracing: Enabling exceeds size of buffer");
    }
    for (size_t i = 0; i < prog_.programs.size(); i++) {
        if (prog_.programs[i].attach != kind) continue;
        uint64_t args[2] = {0, 0};
        LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof args);
        if (bpf_prog_test_run_opts(progs_[i].get(), &opts) != 0)
            throw Error(format("failed to run {} probe: {}",
                               kind == AttachKind::Begin ? "BEGIN" : "END", strerror(errno)));
    }
}

std::vector<output::AggEntry> Session::readAggregation(const AggInfo& agg) const {
    std::vector<output::AggEntry> out;
    int fd = maps_.at(agg.map).get();
    size_t words = agg.valueSize / 8;
    size_t stride = words * static_cast<size_t>(ncpus_);
    size_t buckets = output::histogramBuckets(agg);
    bool keyless = agg.keys.empty();
    Func f = static_cast<Func>(agg.func);
    // Adds one CPU's values v into e (any: whether they count as data).
    auto add = [&](output::AggEntry& e, const int64_t* v, bool& any) {
        if (buckets) {
            if (e.buckets.empty()) e.buckets.assign(buckets, 0);
            for (size_t w = 0; w < buckets; w++)
                e.buckets[w] += v[w];
            if (keyless) any |= v[buckets] != 0;
            return;
        }
        int64_t v0 = v[0], v1 = v[1];
        switch (f) {
        case Func::Min:
        case Func::Max:
            if (!v1) break;
            if (!any || (f == Func::Min ? v0 < e.v0 : v0 > e.v0)) e.v0 = v0;
            any = true;
            e.v1 = 1;
            break;
        case Func::Avg:
        case Func::Stddev:
            e.v0 += v0;
            e.v1 += v1;
            if (f == Func::Stddev)
                e.sq += (static_cast<unsigned __int128>(static_cast<uint64_t>(v[3])) << 64) |
                        static_cast<uint64_t>(v[2]);
            any |= v1 != 0;
            break;
        default:
            e.v0 += v0;
            any |= v1 != 0;
            break;
        }
    };
    // Merges one key's per-CPU values (keeping each CPU's too, for
    // -x aggpercpu).  A keyed entry exists once any CPU has inserted it; a
    // keyless one once any CPU has a value.
    auto merge = [&](const uint8_t* key, const int64_t* vals) {
        output::AggEntry e;
        e.key.assign(key, key + (keyless ? 4 : agg.keySize));
        if (buckets) e.buckets.assign(buckets, 0);
        bool any = false;
        for (int c = 0; c < ncpus_; c++) {
            const int64_t* v = vals + static_cast<size_t>(c) * words;
            add(e, v, any);
            if (perCpu) {
                output::AggEntry one;
                bool seen = false;
                if (buckets) one.buckets.assign(buckets, 0);
                add(one, v, seen);
                e.perCpu.push_back(std::move(one));
            }
        }
        if (!keyless || any) out.push_back(std::move(e));
    };
    std::vector<int64_t> vals(stride);
    out.reserve(agg.keys.empty() ? 1 : 1024);
    if (keyless) {
        uint32_t zero = 0;
        if (bpf_map_lookup_elem(fd, &zero, vals.data()) == 0)
            merge(reinterpret_cast<const uint8_t*>(&zero), vals.data());
        return out;
    }
    // Batches: the kernel copies many keys and values per system call.
    uint32_t chunk = 4096;
    std::vector<uint8_t> keys;
    std::vector<uint8_t> inBatch(std::max<size_t>(agg.keySize, 8)),
        outBatch(std::max<size_t>(agg.keySize, 8));
    bool first = true;
    for (;;) {
        keys.resize(static_cast<size_t>(chunk) * agg.keySize);
        vals.resize(static_cast<size_t>(chunk) * stride);
        uint32_t n = chunk;
        LIBBPF_OPTS(bpf_map_batch_opts, opts);
        int err = bpf_map_lookup_batch(fd, first ? nullptr : inBatch.data(), outBatch.data(),
                                       keys.data(), vals.data(), &n, &opts);
        int e = err ? errno : 0;
        if (err && e == ENOSPC && n == 0) {
            chunk *= 2; // one hash bucket holds more keys than a batch
            continue;
        }
        if (err && e != ENOENT) {
            if (!first) break;
            out.clear();
            // No batch operations: walk the keys one at a time.
            std::vector<uint8_t> key(agg.keySize), next(agg.keySize);
            void* prev = nullptr;
            vals.resize(stride);
            while (bpf_map_get_next_key(fd, prev, next.data()) == 0) {
                if (bpf_map_lookup_elem(fd, next.data(), vals.data()) == 0)
                    merge(next.data(), vals.data());
                key = next;
                prev = key.data();
            }
            return out;
        }
        for (uint32_t i = 0; i < n; i++)
            merge(keys.data() + static_cast<size_t>(i) * agg.keySize,
                  vals.data() + static_cast<size_t>(i) * stride);
        if (err) break; // ENOENT: that was the last batch
        inBatch = outBatch;
        first = false;
    }
    return out;
}

void Session::clearAggregation(const AggInfo& agg) {
    int fd = maps_.at(agg.map).get();
    std::vector<int64_t> zeros(agg.valueSize / 8 * static_cast<size_t>(ncpus_), 0);
    if (agg.keys.empty()) {
        uint32_t zero = 0;
        bpf_map_update_elem(fd, &zero, zeros.data(), BPF_ANY);
        return;
    }
    for (const output::AggEntry& e : readAggregation(agg))
        bpf_map_update_elem(fd, e.key.data(), zeros.data(), BPF_EXIST);
}

void Session::removeKeys(const AggInfo& agg, const std::vector<output::AggEntry>& entries) {
    int fd = maps_.at(agg.map).get();
    if (agg.keys.empty()) {
        clearAggregation(agg);
        return;
    }
    for (const output::AggEntry& e : entries)
        bpf_map_delete_elem(fd, e.key.data());
}

void Session::detach() {
    if (links_.size() <= 4) {
        links_.clear();
        return;
    }
    size_t nthreads = std::min<size_t>(links_.size(), 128);
    std::vector<std::thread> threads;
    std::atomic<size_t> nextLink{0};
    for (size_t t = 0; t < nthreads; t++)
        threads.emplace_back([&]() {
            for (size_t i = nextLink++; i < links_.size(); i = nextLink++)
                links_[i].reset();
        });
    for (auto& t : threads)
        t.join();
    links_.clear();
}

std::vector<uint64_t> Session::perCpuCounter(int index, int offset) const {
    const MapDef& m = prog_.maps.at(index);
    size_t stride = (m.valueSize + 7) / 8 * 8;
    std::vector<uint8_t> buf(stride * ncpus_);
    uint32_t key = 0;
    std::vector<uint64_t> out(ncpus_, 0);
    if (bpf_map_lookup_elem(maps_.at(index).get(), &key, buf.data()) != 0) return out;
    for (int c = 0; c < ncpus_; c++)
        memcpy(&out[c], buf.data() + c * stride + offset, 8);
    return out;
}

std::vector<uint8_t> Session::readGlobals() const {
    std::vector<uint8_t> buf(prog_.maps.at(kMapGlobals).valueSize);
    uint32_t key = 0;
    bpf_map_lookup_elem(maps_.at(kMapGlobals).get(), &key, buf.data());
    return buf;
}

} // namespace dt
