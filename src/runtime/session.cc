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
#include <thread>

#include "diag/diag.h"
#include "runtime/funcinfo.h"
#include "runtime/tracefs.h"
#include "sema/builtins.h"
#include "util/strutil.h"

namespace dt {

int possibleCpus() {
    int n = libbpf_num_possible_cpus();
    return n > 0 ? n : 1;
}

Session::Session(const CompiledProgram& prog, const ProbeRegistry& reg)
    : prog_(prog), reg_(reg), ncpus_(possibleCpus()) {}

void Session::load() {
    tracefsRoot(); // mounts tracefs/bpffs if needed
    for (const MapDef& m : prog_.maps) {
        LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = m.flags);
        int fd =
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
    std::vector<char> log(4 << 20);
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
            log[0] = 0;
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
            if (p.attach == AttachKind::Tracepoint) {
                long tp = tracepointId(probe->tpCategory, probe->tpName);
                if (tp < 0)
                    throw Error(format("failed to enable probe {}: no tracepoint {}:{}",
                                       probe->fullName(), probe->tpCategory, probe->tpName));
                attr.type = PERF_TYPE_TRACEPOINT;
                attr.config = static_cast<uint64_t>(tp);
                attr.sample_period = 1;
                attr.wakeup_events = 1;
                cpus.push_back(0); // a tracepoint's BPF program runs on every CPU
            } else {
                attr.type = PERF_TYPE_SOFTWARE;
                attr.config = PERF_COUNT_SW_CPU_CLOCK;
                attr.sample_period = probe->periodNs;
                if (probe->everyCpu)
                    for (int c = 0; c < ncpus_; c++)
                        cpus.push_back(c);
                else
                    cpus.push_back(0);
            }
            for (int cpu : cpus) {
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

void Session::attachUprobes(size_t i) {
    const ProgramDef& p = prog_.programs[i];
    const UprobePmu& pmu = uprobePmu();
    for (size_t pi = 0; pi < p.probes.size(); pi++) {
        const Probe* probe = reg_.byId(p.probes[pi]);
        if (pmu.type < 0)
            throw Error(format("failed to enable probe {}: the kernel has no uprobe PMU",
                               probe->fullName()));
        perf_event_attr attr{};
        attr.size = sizeof attr;
        attr.type = static_cast<uint32_t>(pmu.type);
        attr.sample_period = 1;
        attr.wakeup_events = 1;
        if (probe->uretprobe) attr.config |= 1ull << pmu.retprobeBit;
        // The kernel raises the USDT semaphore while the uprobe exists.
        if (probe->semaphoreOffset) attr.config |= probe->semaphoreOffset << pmu.refCtrShift;
        attr.config1 = reinterpret_cast<uint64_t>(probe->uprobePath.c_str());
        attr.config2 = probe->uprobeOffset;
        Fd pfd(static_cast<int>(
            syscall(__NR_perf_event_open, &attr, probe->uprobePid, -1, -1, PERF_FLAG_FD_CLOEXEC)));
        if (!pfd.valid()) {
            // The process may have exited since its probes were made.
            if (errno == ESRCH) continue;
            throw Error(
                format("failed to enable probe {}: {}", probe->fullName(), strerror(errno)));
        }
        LIBBPF_OPTS(bpf_link_create_opts, lopts);
        lopts.perf_event.bpf_cookie = pi < p.cookies.size() ? p.cookies[pi] : probe->id;
        int lfd = bpf_link_create(progs_[i].get(), pfd.get(), BPF_PERF_EVENT, &lopts);
        if (lfd < 0)
            throw Error(
                format("failed to enable probe {}: {}", probe->fullName(), strerror(errno)));
        links_.emplace_back(lfd);
    }
}

void Session::runOnce(AttachKind kind) {
    if (kind == AttachKind::Begin && prog_.aggsTooLarge)
        throw Error("could not enable tracing: Enabling exceeds size of buffer");
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
    // Merges one key's per-CPU values.  A keyed entry exists once any CPU
    // has inserted it; a keyless one once any CPU has a value.
    auto merge = [&](const uint8_t* key, const int64_t* vals) {
        output::AggEntry e;
        e.key.assign(key, key + (keyless ? 4 : agg.keySize));
        bool any = false;
        if (buckets) {
            e.buckets.assign(buckets, 0);
            for (int c = 0; c < ncpus_; c++) {
                const int64_t* v = vals + static_cast<size_t>(c) * words;
                for (size_t w = 0; w < buckets; w++)
                    e.buckets[w] += v[w];
                if (keyless) any |= v[buckets] != 0;
            }
            if (!keyless || any) out.push_back(std::move(e));
            return;
        }
        for (int c = 0; c < ncpus_; c++) {
            const int64_t* v = vals + static_cast<size_t>(c) * words;
            int64_t v0 = v[0], v1 = v[1];
            switch (f) {
            case Func::Min:
            case Func::Max:
                if (!v1) break;
                if (!any || (f == Func::Min ? v0 < e.v0 : v0 > e.v0)) e.v0 = v0;
                any = true;
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
        }
        if (f == Func::Min || f == Func::Max) e.v1 = any;
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
