#include "program/program.h"

namespace dt {

const char* faultName(Fault f) {
    switch (f) {
    case Fault::BadAddr:
    case Fault::BadUserAddr:
        return "invalid address";
    case Fault::BadAlign:
        return "invalid alignment";
    case Fault::IllOp:
        return "illegal operation";
    case Fault::DivZero:
        return "divide-by-zero";
    case Fault::NoScratch:
        return "out of scratch space";
    case Fault::KPriv:
        return "invalid kernel access";
    case Fault::UPriv:
        return "invalid user access";
    case Fault::TupOflow:
        return "tuple stack overflow";
    case Fault::BadStack:
        return "bad stack";
    case Fault::BadSize:
        return "invalid size";
    case Fault::BadIndex:
        return "index out of bounds";
    case Fault::None:
        break;
    }
    return "unknown fault";
}

uint32_t AggInfo::llqBuckets() const {
    return (hmag - lmag + 1) * (steps - steps / factor) * 2 + 3;
}

uint32_t AggInfo::llqZeroBucket() const {
    return 1 + (hmag - lmag + 1) * (steps - steps / factor);
}

// Buckets of llquantize(), from the zero bucket outwards (the same for
// negative values, mirrored): 0 for |v| < factor^lmag; then each order of
// magnitude m in [lmag, hmag] has steps - steps/factor linear buckets of
// width factor^(m+1)/steps over [factor^m, factor^(m+1)); then one bucket
// for |v| >= factor^(hmag+1).  With lmag 0 and steps > factor the widths of
// the first magnitude are below 1 and some of its buckets are never hit.
static uint32_t llquantizeOffset(const AggInfo& a, uint64_t v) {
    uint64_t pow = 1;
    for (uint32_t m = 0; m < a.lmag; m++)
        pow *= a.factor;
    if (v < pow) return 0;
    uint32_t stepsFactor = a.steps / a.factor, perMag = a.steps - stepsFactor, base = 1;
    for (uint32_t m = a.lmag; m <= a.hmag; m++) {
        unsigned __int128 next = static_cast<unsigned __int128>(pow) * a.factor;
        if (v < next) {
            uint64_t k = next >= a.steps ? v / static_cast<uint64_t>(next / a.steps)
                                         : v * a.steps / static_cast<uint64_t>(next);
            return base + static_cast<uint32_t>(k) - stepsFactor;
        }
        base += perMag;
        pow = static_cast<uint64_t>(next);
    }
    return base;
}

uint32_t llquantizeBucket(const AggInfo& a, int64_t value) {
    uint64_t mag = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    uint32_t off = llquantizeOffset(a, mag);
    return value < 0 ? a.llqZeroBucket() - off : a.llqZeroBucket() + off;
}

} // namespace dt
