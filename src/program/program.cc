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
    case Fault::None:
        break;
    }
    return "unknown fault";
}

} // namespace dt
