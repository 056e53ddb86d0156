#include "output/records.h"

#include <cinttypes>
#include <cstring>

#include "output/symbols.h"

namespace dt::output {

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
        return Value::string(symbolValueText(src.symbol, data + src.offset, src.frames));
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
    Value v = decode(src, hdr, data, size);
    bool q = opts_.quiet;
    if (v.kind == Value::Kind::String) {
        if (q)
            fputs(v.str.c_str(), out_);
        else
            fprintf(out_, "  %-33s", v.str.c_str());
        return;
    }
    switch (v.size) {
    case 1:
        fprintf(out_, q ? "%d" : " %3d", static_cast<int>(static_cast<uint8_t>(v.bits)));
        break;
    case 2:
        fprintf(out_, q ? "%d" : " %5d", static_cast<int>(static_cast<uint16_t>(v.bits)));
        break;
    case 4:
        fprintf(out_, q ? "%d" : " %10d", static_cast<int32_t>(static_cast<uint32_t>(v.bits)));
        break;
    default:
        fprintf(out_, q ? "%lld" : " %20lld", static_cast<long long>(v.bits));
        break;
    }
}

bool RecordPrinter::print(const uint8_t* data, size_t size) {
    if (size < sizeof(RecordHeader)) return true;
    RecordHeader hdr;
    memcpy(&hdr, data, sizeof hdr);
    if (hdr.clause == kErrorRecord) {
        ErrorRecord er{};
        memcpy(&er, data, std::min(size, sizeof er));
        printError(er);
        return true;
    }
    if (hdr.clause >= prog_.clauses.size()) return true;
    const ClauseInfo& clause = prog_.clauses[hdr.clause];
    if (!opts_.quiet) {
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
            printa(a);
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
    if (!opts_.quiet) fputc('\n', out_);
    return cont;
}

void RecordPrinter::printa(const Action& a) {
    if (!readAgg_) return;
    for (int id : a.aggs) {
        const AggInfo& agg = prog_.aggs.at(id);
        if (printed_.size() < prog_.aggs.size()) printed_.resize(prog_.aggs.size(), false);
        printed_[id] = true;
        std::vector<AggEntry> entries = readAgg_(id);
        if (a.format < 0) {
            // Without a format: as at exit, with a blank line first.
            CompiledProgram one;
            one.aggs.push_back(agg);
            fputc('\n', out_);
            printAggregations(one, {entries}, out_);
            continue;
        }
        sortEntries(agg, entries);
        const Format& fmt = prog_.formats.at(a.format);
        for (const AggEntry& e : entries) {
            std::vector<Value> keys = keyValues(agg, e);
            std::string text;
            if (!e.buckets.empty()) {
                std::string hist = histogramText(agg, e);
                text = fmt.render(keys, nullptr, &hist);
            } else {
                Value v = Value::integer(static_cast<uint64_t>(aggValue(agg, e)), 8, true);
                text = fmt.render(keys, &v);
            }
            fwrite(text.data(), 1, text.size(), out_);
        }
    }
}

void RecordPrinter::printError(const ErrorRecord& er) {
    errors_++;
    const Probe* probe = reg_.byId(er.hdr.probeId);
    std::string where;
    if (er.action == 0)
        where = "predicate";
    else
        where = format("action #{}", er.action);
    std::string details;
    if (static_cast<Fault>(er.fault) == Fault::BadAddr ||
        static_cast<Fault>(er.fault) == Fault::BadAlign ||
        static_cast<Fault>(er.fault) == Fault::KPriv ||
        static_cast<Fault>(er.fault) == Fault::UPriv) {
        char buf[32];
        snprintf(buf, sizeof buf, " (0x%" PRIx64 ")", er.addr);
        details = buf;
    }
    // The enabled probe ID: clauses are numbered in program order from 1.
    fflush(out_);
    fprintf(stderr,
            "dtrace: error on enabled probe ID %u (ID %u: %s): %s%s in %s at BPF pc %" PRIu64 "\n",
            er.clause + 1, er.hdr.probeId, probe ? probe->fullName().c_str() : "?",
            faultName(static_cast<Fault>(er.fault)), details.c_str(), where.c_str(), er.pc);
}

} // namespace dt::output
