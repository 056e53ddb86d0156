#include "output/records.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "output/print.h"
#include "output/symbols.h"
#include "util/strutil.h"

namespace dt::output {

std::string rawBytes(const uint8_t* p, size_t n) {
    std::string out;
    if (n == 0) return out;
    char buf[64];
    out += "\n" + std::string(5, ' ') + "      ";
    for (int i = 0; i < 16; i++) {
        snprintf(buf, sizeof buf, "  %c", "0123456789abcdef"[i]);
        out += buf;
    }
    out += "  0123456789abcdef\n";
    for (size_t i = 0; i < n; i += 16) {
        snprintf(buf, sizeof buf, "%5s%5zx:", "", i);
        out += buf;
        size_t j;
        for (j = i; j < i + 16 && j < n; j++) {
            snprintf(buf, sizeof buf, " %02x", p[j]);
            out += buf;
        }
        for (; j % 16; j++)
            out += "   ";
        out += "  ";
        for (j = i; j < i + 16 && j < n; j++)
            out += p[j] < ' ' || p[j] > '~' ? '.' : static_cast<char>(p[j]);
        out += '\n';
    }
    return out;
}

static uint64_t loadBits(const uint8_t* p, unsigned size) {
    switch (size) {
    case 1:
        return *p;
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

Value RecordPrinter::decode(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                            size_t size) const {
    const Probe* probe = reg_.byId(hdr.probeId);
    if (src.symbol != SymbolKind::None && src.kind == ValueSource::Kind::Record) {
        if (src.offset + src.size > size) return Value::string("");
        return symbolValue(src.symbol, data + src.offset, src.frames);
    }
    switch (src.kind) {
    case ValueSource::Kind::ConstInt:
        return Value::integer(static_cast<uint64_t>(src.intValue), src.size, src.isSigned);
    case ValueSource::Kind::ConstString:
        return Value::string(src.strValue);
    case ValueSource::Kind::ProbeProvider:
        return Value::string(probe ? probe->provider : "");
    case ValueSource::Kind::ProbeModule:
        return Value::string(probe ? probe->module : "");
    case ValueSource::Kind::ProbeFunction:
        return Value::string(probe ? probe->function : "");
    case ValueSource::Kind::ProbeName:
        return Value::string(probe ? probe->name : "");
    case ValueSource::Kind::Record:
        break;
    }
    if (src.offset + src.size > size) return Value::integer(0);
    const uint8_t* p = data + src.offset;
    if (src.isString) {
        size_t n = strnlen(reinterpret_cast<const char*>(p), src.size);
        return Value::string(std::string(reinterpret_cast<const char*>(p), n));
    }
    return Value::integer(loadBits(p, src.size), src.size, src.isSigned);
}

void RecordPrinter::traceValue(const ValueSource& src, const RecordHeader& hdr, const uint8_t* data,
                               size_t size) {
    if (src.symbol != SymbolKind::None) {
        if (src.offset + src.size > size) return;
        std::string text = symbolValueText(src.symbol, data + src.offset, src.frames);
        if (isStack(src.symbol))
            fputs(text.c_str(), out_);
        else
            fprintf(out_, "  %-50s", text.c_str());
        return;
    }
    if (opts_.rawBytes && src.kind == ValueSource::Kind::Record && src.isString) {
        // The whole field: the string, its NUL and what follows.
        if (src.offset + src.size > size) return;
        std::string text = rawBytes(data + src.offset, src.size);
        fputs(text.c_str(), out_);
        return;
    }
    Value v = decode(src, hdr, data, size);
    bool q = opts_.quiet;
    if (v.kind == Value::Kind::String) {
        if (q)
            fputs(v.str.c_str(), out_);
        else
            fprintf(out_, "  %-33s", v.str.c_str());
        return;
    }
    // Each width in its column, signed or unsigned by the value's type.
    int width = v.size == 1 ? 3 : v.size == 2 ? 5 : v.size == 4 ? 10 : 19;
    uint64_t bits = v.size >= 8 ? v.bits : v.bits & ((1ULL << (8 * v.size)) - 1);
    if (v.isSigned) {
        int sh = 64 - 8 * static_cast<int>(std::min(v.size, 8u));
        long long x =
            sh > 0 ? static_cast<long long>(bits << sh) >> sh : static_cast<long long>(bits);
        if (q)
            fprintf(out_, "%lld", x);
        else
            fprintf(out_, " %*lld", width, x);
    } else {
        if (q)
            fprintf(out_, "%llu", static_cast<unsigned long long>(bits));
        else
            fprintf(out_, " %*llu", width, static_cast<unsigned long long>(bits));
    }
}

bool RecordPrinter::print(const uint8_t* data, size_t size) {
    if (size < sizeof(RecordHeader)) return true;
    RecordHeader hdr;
    memcpy(&hdr, data, sizeof hdr);
    uint64_t foot = recordFootprint(size);
    if (globals_ && prog_.bufState >= 0 && hdr.clause < prog_.clauses.size() &&
        prog_.bufPolicy == BufPolicy::Switch) {
        // The clause charged this record to its CPU; it has been read.
        size_t cpu = std::min<size_t>(hdr.cpu, 4095);
        auto* consumed = reinterpret_cast<volatile uint64_t*>(
            globals_ + prog_.bufState + BufferLayout::kCpuBlocks +
            BufferLayout::kCpuBlockSize * cpu + BufferLayout::kConsumed);
        if (static_cast<size_t>(prog_.bufState) + BufferLayout::kCpuBlocks +
                BufferLayout::kCpuBlockSize * (cpu + 1) <=
            prog_.globalsSize)
            *consumed = *consumed + foot;
    }
    if (hdr.clause == kSpecRecord) {
        SpecRecord sr{};
        memcpy(&sr, data, std::min(size, sizeof sr));
        freeSpeculation(sr.id);
    }
    if (prog_.bufPolicy == BufPolicy::Ring) {
        // Only the newest bufsize bytes of each CPU are kept.
        auto& q = ring_[hdr.cpu];
        uint64_t& bytes = ringBytes_[hdr.cpu];
        q.push_back({seq_++, std::vector<uint8_t>(data, data + size)});
        bytes += foot;
        while (bytes > opts_.bufsize && !q.empty()) {
            bytes -= recordFootprint(q.front().bytes.size());
            q.pop_front();
        }
        return true;
    }
    return process(data, size);
}

void RecordPrinter::flushRing() {
    std::vector<Kept> all;
    for (auto& [cpu, q] : ring_)
        for (Kept& k : q)
            all.push_back(std::move(k));
    ring_.clear();
    ringBytes_.clear();
    std::sort(all.begin(), all.end(), [](const Kept& a, const Kept& b) { return a.seq < b.seq; });
    for (const Kept& k : all)
        process(k.bytes.data(), k.bytes.size());
}

// A committing speculation's buffer is busy until its records have been
// read; then speculation() may have it again.
void RecordPrinter::freeSpeculation(uint32_t id) {
    if (!globals_ || prog_.specStates < 0 || id == 0 || id > prog_.nspec) return;
    auto* state = reinterpret_cast<uint64_t*>(globals_ + prog_.specStates + 8 * id);
    __sync_val_compare_and_swap(state, kSpecCommitting, kSpecInactive);
}

bool RecordPrinter::process(const uint8_t* data, size_t size) {
    if (!fatal_.empty()) return false;
    RecordHeader hdr;
    memcpy(&hdr, data, sizeof hdr);
    if (hdr.clause == kErrorRecord) {
        ErrorRecord er{};
        memcpy(&er, data, std::min(size, sizeof er));
        printError(er);
        return true;
    }
    if (hdr.clause == kSpecRecord) {
        // commit() prints the speculation's records now; discard() drops them.
        SpecRecord sr{};
        memcpy(&sr, data, std::min(size, sizeof sr));
        auto it = pending_.find(sr.id);
        pendingBytes_.erase(sr.id);
        if (it == pending_.end()) return true;
        std::vector<std::vector<uint8_t>> recs = std::move(it->second);
        pending_.erase(it);
        bool cont = true;
        if (sr.op == kSpecCommit)
            for (const auto& r : recs)
                cont = printRecord(r.data(), r.size()) && cont;
        return cont;
    }
    if (hdr.clause >= prog_.clauses.size()) return true;
    const ClauseInfo& sc = prog_.clauses[hdr.clause];
    if (sc.specOffset >= 0 && static_cast<size_t>(sc.specOffset) + 4 <= size) {
        uint32_t id;
        memcpy(&id, data + sc.specOffset, 4);
        if (id != 0) {
            // A record that does not fit in its CPU's part of the
            // speculation's buffer is a speculative drop.
            uint64_t& bytes = pendingBytes_[id][hdr.cpu];
            if (bytes + size > opts_.specsize) {
                specDrops_++;
                return true;
            }
            bytes += size;
            pending_[id].emplace_back(data, data + size);
            return true;
        }
    }
    return printRecord(data, size);
}

// -F: a probe named "entry" or "...-entry" indents, "return" or
// "...-return" unindents.
RecordPrinter::Flow RecordPrinter::flowOf(const RecordHeader& hdr) const {
    const Probe* probe = reg_.byId(hdr.probeId);
    if (!probe) return Flow::None;
    auto is = [&](const char* what) {
        const std::string& n = probe->name;
        size_t len = strlen(what);
        return n.size() >= len && n.compare(n.size() - len, len, what) == 0 &&
               (n.size() == len || n[n.size() - len - 1] == '-');
    };
    return is("entry") ? Flow::Entry : is("return") ? Flow::Return : Flow::None;
}

// With -F, as DTrace: an entry record of a probe whose previous record was
// another clause's of the same probe does not indent again, and a return
// record followed by another clause's record of the same probe does not
// unindent yet (the last one does), so a return is held until the next
// record, or the end of what the buffer holds, is seen.
bool RecordPrinter::printRecord(const uint8_t* data, size_t size) {
    if (!opts_.flowIndent) return emitRecord(data, size, Flow::None);
    RecordHeader hdr;
    memcpy(&hdr, data, sizeof hdr);
    bool cont = true;
    if (!heldReturn_.empty()) {
        RecordHeader held;
        memcpy(&held, heldReturn_.data(), sizeof held);
        bool more = hdr.probeId == held.probeId && hdr.clause != held.clause;
        cont = emitHeld(more ? Flow::None : Flow::Return);
    }
    Flow flow = flowOf(hdr);
    if (flow == Flow::Entry && lastClause_ != ~0u && hdr.probeId == lastProbe_ &&
        hdr.clause != lastClause_)
        flow = Flow::None;
    if (flow == Flow::Return) {
        heldReturn_.assign(data, data + size);
        return cont;
    }
    return emitRecord(data, size, flow) && cont;
}

// Prints the held return record (an exit() in it sets exited_ as usual).
bool RecordPrinter::emitHeld(Flow flow) {
    std::vector<uint8_t> rec = std::move(heldReturn_);
    heldReturn_.clear();
    return emitRecord(rec.data(), rec.size(), flow);
}

void RecordPrinter::endOfBatch() {
    if (!heldReturn_.empty()) emitHeld(Flow::Return);
}

bool RecordPrinter::emitRecord(const uint8_t* data, size_t size, Flow flow) {
    RecordHeader hdr;
    memcpy(&hdr, data, sizeof hdr);
    const ClauseInfo& clause = prog_.clauses[hdr.clause];
    bool quiet = opts_.quiet; // setopt("quiet") takes effect at the next record
    if (opts_.flowIndent) {
        // DTrace's -F columns: the CPU, then the function indented by
        // call depth after "->"/"<-" ("=>"/"<=" for system calls), or
        // "| function:name" for other probes (quiet or not).
        if (!headerDone_) {
            fprintf(out_, "%3s %-41s\n", "CPU", "FUNCTION");
            headerDone_ = true;
        }
        const Probe* probe = reg_.byId(hdr.probeId);
        if (flow == Flow::Return && indent_ > 0) indent_ -= 2;
        bool sys = probe && probe->provider == "syscall";
        std::string name(static_cast<size_t>(indent_), ' ');
        std::string func = probe ? probe->function : "";
        if (flow == Flow::Entry)
            name += (sys ? " => " : " -> ") + func;
        else if (flow == Flow::Return)
            name += (sys ? " <= " : " <- ") + func;
        else
            name += "| " + func + ":" + (probe ? probe->name : "");
        fprintf(out_, "%3d %-41s ", hdr.cpu, name.c_str());
        if (flow == Flow::Entry) indent_ += 2;
        lastProbe_ = hdr.probeId;
        lastClause_ = hdr.clause;
    } else if (!quiet) {
        if (!headerDone_) {
            fprintf(out_, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
            headerDone_ = true;
        }
        const Probe* probe = reg_.byId(hdr.probeId);
        std::string name = probe ? probe->function + ":" + probe->name : "";
        fprintf(out_, "%3d %6u %32s ", hdr.cpu, hdr.probeId, name.c_str());
    }
    bool cont = true;
    for (const Action& a : clause.actions) {
        if (!fatal_.empty()) return false;
        if (a.flagOffset >= 0 && (static_cast<size_t>(a.flagOffset) >= size || !data[a.flagOffset]))
            continue;
        switch (a.kind) {
        case Action::Kind::Trace:
            traceValue(a.args.at(0), hdr, data, size);
            break;
        case Action::Kind::Printf: {
            std::vector<Value> vals;
            for (const ValueSource& s : a.args)
                vals.push_back(decode(s, hdr, data, size));
            std::string text = prog_.formats.at(a.format).render(vals);
            fwrite(text.data(), 1, text.size(), out_);
            break;
        }
        case Action::Kind::Printa:
        case Action::Kind::Normalize:
        case Action::Kind::Denormalize:
        case Action::Kind::Trunc:
        case Action::Kind::Clear:
            aggAction(a, hdr, data, size);
            break;
        case Action::Kind::Setopt:
            setopt(a, hdr, data, size);
            break;
        case Action::Kind::Tracemem:
            tracemem(a, hdr, data, size);
            break;
        case Action::Kind::Print:
            printValue(a, hdr, data, size);
            break;
        case Action::Kind::System: {
            // system(): the formatted command, run by the shell after what
            // was printed so far, with dtrace's stdout.
            std::vector<Value> vals;
            for (const ValueSource& s : a.args)
                vals.push_back(decode(s, hdr, data, size));
            std::string cmd = prog_.formats.at(a.format).render(vals);
            fflush(out_);
            fflush(stdout);
            int rc = ::system(cmd.c_str());
            (void)rc;
            break;
        }
        case Action::Kind::Freopen: {
            std::vector<Value> vals;
            for (const ValueSource& s : a.args)
                vals.push_back(decode(s, hdr, data, size));
            freopen(prog_.formats.at(a.format).render(vals));
            break;
        }
        case Action::Kind::Ftruncate:
            // The output file starts over (a terminal or pipe cannot).
            fflush(out_);
            if (ftruncate(fileno(out_), 0) == 0) fseeko(out_, 0, SEEK_SET);
            break;
        case Action::Kind::Exit:
            if (!exited_) {
                exited_ = true;
                exitStatus_ = static_cast<int>(decode(a.args.at(0), hdr, data, size).bits);
            }
            cont = false;
            break;
        }
    }
    if (!quiet) fputc('\n', out_);
    return cont;
}

// freopen(): later output goes to the file named (appended to); "" goes
// back to where it went at the start.  A file that cannot be opened ends
// tracing, as in DTrace.
void RecordPrinter::freopen(const std::string& path) {
    fflush(out_);
    FILE* next = original_;
    if (!path.empty()) {
        next = fopen(path.c_str(), "a");
        if (!next) {
            fatal_ = strerror(errno);
            return;
        }
    }
    if (out_ != original_) fclose(out_);
    out_ = next;
}

void RecordPrinter::aggAction(const Action& a, const RecordHeader& hdr, const uint8_t* data,
                              size_t size) {
    if (!aggs_) return;
    switch (a.kind) {
    case Action::Kind::Printa: {
        std::string text =
            aggs_->printa(a.aggs, a.format >= 0 ? &prog_.formats.at(a.format) : nullptr);
        fwrite(text.data(), 1, text.size(), out_);
        break;
    }
    case Action::Kind::Normalize: {
        // The factor is read unsigned, as DTrace reads it.
        Value v = decode(a.args.at(0), hdr, data, size);
        aggs_->normalize(a.aggs.at(0), v.bits);
        break;
    }
    case Action::Kind::Denormalize:
        aggs_->denormalize(a.aggs.at(0));
        break;
    case Action::Kind::Clear:
        aggs_->clear(a.aggs.at(0));
        break;
    case Action::Kind::Trunc: {
        std::optional<int64_t> keep;
        if (!a.args.empty()) {
            Value v = decode(a.args[0], hdr, data, size);
            int sh = 64 - 8 * static_cast<int>(std::min(v.size, 8u));
            keep = sh > 0 && sh < 64 ? static_cast<int64_t>(v.bits << sh) >> sh
                                     : static_cast<int64_t>(v.bits);
        }
        aggs_->trunc(a.aggs.at(0), keep);
        break;
    }
    default:
        break;
    }
}

// tracemem(): the bytes in rows of 16 with their characters; a dynamic
// size below the static one (and not negative) shortens them.
void RecordPrinter::tracemem(const Action& a, const RecordHeader& hdr, const uint8_t* data,
                             size_t size) {
    const ValueSource& src = a.args.at(0);
    if (src.offset + src.size > size) return;
    size_t n = src.size;
    if (a.args.size() > 1) {
        Value d = decode(a.args[1], hdr, data, size);
        int sh = 64 - 8 * static_cast<int>(std::min(d.size, 8u));
        int64_t dyn = sh > 0 && sh < 64 ? static_cast<int64_t>(d.bits << sh) >> sh
                                        : static_cast<int64_t>(d.bits);
        if (dyn >= 0 && static_cast<uint64_t>(dyn) < n) n = static_cast<size_t>(dyn);
    }
    std::string text = rawBytes(data + src.offset, n);
    fwrite(text.data(), 1, text.size(), out_);
}

// print(): the value at the recorded address, shown by its type.
void RecordPrinter::printValue(const Action& a, const RecordHeader& hdr, const uint8_t* data,
                               size_t size) {
    const ValueSource& bytes = a.args.at(1);
    if (bytes.offset + bytes.size > size) return;
    uint64_t addr = decode(a.args.at(0), hdr, data, size).bits;
    std::string text = printText(prog_.printTypes, a.printType, addr, data + bytes.offset,
                                 bytes.size, opts_.printSize);
    fwrite(text.data(), 1, text.size(), out_);
}

// setopt(): the aggregation sort options change while tracing; other
// options are reported as DTrace reports them.
void RecordPrinter::setopt(const Action& a, const RecordHeader& hdr, const uint8_t* data,
                           size_t size) {
    std::string name = decode(a.args.at(0), hdr, data, size).str;
    bool hasValue = a.args.size() > 1;
    std::string value = hasValue ? decode(a.args[1], hdr, data, size).str : "";
    static const char* const kRuntime[] = {
        "aggsortkey",  "aggsortkeypos", "aggsortpos", "aggsortrev", "aggrate",
        "switchrate",  "statusrate",    "quiet",      "flowindent", "rawbytes",
        "stackindent", "aggpercpu",     "printsize"};
    static const char* const kStatic[] = {
        "bufsize",     "bufpolicy",    "bufresize", "cleanrate",    "cpu",           "destructive",
        "dynvarsize",  "grabanon",     "nspec",     "specsize",     "strsize",       "aggsize",
        "stackframes", "ustackframes", "maxframes", "jstackframes", "jstackstrsize", "cpp",
        "defaultargs", "errtags",      "droptags",  "incdir",       "linkmode",      "zdefs",
        "version",     "verbose",      "pspec",     "scratchsize",  "lockmem"};
    std::string error;
    bool runtime = std::find(std::begin(kRuntime), std::end(kRuntime), name) != std::end(kRuntime);
    bool known =
        runtime || std::find(std::begin(kStatic), std::end(kStatic), name) != std::end(kStatic);
    auto boolean = [&](bool& opt) {
        if (!hasValue || value == "true" || value == "1" || value.empty())
            opt = true;
        else if (value == "false" || value == "0")
            opt = false;
        else
            error = "Invalid value for specified option";
    };
    auto integer = [&](int& opt) {
        char* end = nullptr;
        long v = strtol(value.c_str(), &end, 0);
        if (!hasValue || value.empty() || *end || v < 0)
            error = "Invalid value for specified option";
        else
            opt = static_cast<int>(v);
    };
    if (!known) {
        error = "Invalid option name";
    } else if (!runtime) {
        error = "Operation illegal when tracing is active";
    } else if (aggs_ && name == "aggsortkey") {
        boolean(aggs_->sortOptions().byKey);
    } else if (aggs_ && name == "aggsortrev") {
        boolean(aggs_->sortOptions().reverse);
    } else if (aggs_ && name == "aggsortkeypos") {
        integer(aggs_->sortOptions().keyPos);
    } else if (aggs_ && name == "aggsortpos") {
        integer(aggs_->sortOptions().aggPos);
    } else if (name == "printsize") {
        uint64_t v = 0;
        if (!hasValue || !dt::parseSizeValue(value, v))
            error = "Invalid value for specified option";
        else
            opts_.printSize = v;
    } else if (aggs_ && name == "aggpercpu") {
        bool on = false;
        boolean(on);
        if (error.empty()) aggs_->setPerCpu(on);
    } else if (name == "quiet") {
        boolean(opts_.quiet);
    } else if (name == "switchrate" || name == "statusrate" || name == "aggrate") {
        // Rates: a time or a frequency; the switch rate paces the consumer.
        uint64_t ns = 0;
        if (!hasValue || !dt::parseTimeValue(value, ns))
            error = "Invalid value for specified option";
        else if (name == "switchrate")
            opts_.switchNs = ns;
    } else if (name == "flowindent") {
        boolean(opts_.flowIndent);
    } else if (name == "rawbytes" || name == "aggpercpu") {
        bool ignored = false;
        boolean(ignored);
    } else if (name == "stackindent") {
        int ignored = 0;
        integer(ignored);
    }
    if (error.empty()) return;
    const Probe* probe = reg_.byId(hdr.probeId);
    fflush(out_);
    fprintf(stderr,
            "dtrace: error in dt_clause_%u for probe ID %u (%s): couldn't set option \"%s\" to "
            "\"%s\": %s\n\n",
            hdr.clause, hdr.probeId, probe ? probe->fullName().c_str() : "?", name.c_str(),
            hasValue ? value.c_str() : "1", error.c_str());
}

// DTrace on BPF's fault report: the clause (numbered from 0 in program
// order), the probe, the fault and, for address faults, the address (in
// hex, except for a byte load made for trace()'s argument from a small
// address, such as NULL plus an offset, as DTrace's).
void RecordPrinter::printError(const ErrorRecord& er) {
    errors_++;
    const Probe* probe = reg_.byId(er.hdr.probeId);
    std::string details;
    Fault f = static_cast<Fault>(er.fault & kFaultKindMask);
    if (f == Fault::BadAddr || f == Fault::BadAlign || f == Fault::KPriv || f == Fault::UPriv ||
        f == Fault::BadSize || f == Fault::BadIndex) {
        char buf[32];
        if (((er.fault & kFaultTraceArg) && er.addr < 4096) || f == Fault::BadIndex)
            snprintf(buf, sizeof buf, " (%" PRIu64 ")", er.addr);
        else
            snprintf(buf, sizeof buf, " (0x%" PRIx64 ")", er.addr);
        details = buf;
    }
    fflush(out_);
    fprintf(stderr,
            "dtrace: error in dt_clause_%u for probe ID %u (%s): %s%s at BPF pc %" PRIu64 "\n",
            er.clause, er.hdr.probeId, probe ? probe->fullName().c_str() : "?", faultName(f),
            details.c_str(), er.pc);
}

} // namespace dt::output
