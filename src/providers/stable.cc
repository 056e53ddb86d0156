// DTrace's stable providers built on the kernel's tracepoints: proc (process
// and thread life cycle, signals), sched (CPU scheduling), io (block
// requests), ip, tcp and udp (packets and TCP connections).  Each probe
// fires on a tracepoint, raw tracepoint or clock of its own and rewrites
// the underlying arguments into DTrace's (see Derivation in probe.h);
// psinfo_t, lwpsinfo_t and cpuinfo_t arguments are translated from the
// kernel's task_struct by the D library (lib/dtrace/procfs.d, sched.d),
// the others' from requests, socket buffers, sockets and packet headers
// (io.d, ip.d, tcp.d, udp.d).
#include <sys/utsname.h>

#include <bpf/btf.h>

#include "diag/diag.h"
#include "providers/provider.h"
#include "sema/btf.h"
#include "util/strutil.h"

namespace dt {

namespace {

using V = DerivedValue;
using C = DerivedCondition;

V arg(int k) {
    V v;
    v.arg = k;
    return v;
}
V current() {
    V v;
    v.source = V::Source::CurrentTask;
    return v;
}
V constant(int64_t c) {
    V v;
    v.source = V::Source::Const;
    v.constant = c;
    return v;
}
C cond(V lhs, C::Op op, V rhs) {
    C c;
    c.lhs = std::move(lhs);
    c.op = op;
    c.rhs = std::move(rhs);
    return c;
}

// A task_struct member, loaded through a task pointer.
V taskField(V task, const char* member, uint8_t size, bool isSigned) {
    KernelBtf btf;
    auto off = btf.memberOffset("task_struct", member);
    if (!off) throw Error(dt::format("the kernel's BTF has no task_struct member {}", member));
    task.path.push_back({static_cast<int32_t>(*off), size, isSigned});
    return task;
}
V pidOf(V task) {
    return taskField(std::move(task), "pid", 4, true);
}
V tgidOf(V task) {
    return taskField(std::move(task), "tgid", 4, true);
}

// A member of a kernel struct, loaded through a pointer to it.
V member(V base, const char* structName, const char* name, uint8_t size, bool isSigned = false) {
    KernelBtf btf;
    auto off = btf.memberOffset(structName, name);
    if (!off)
        throw Error(dt::format("the kernel's BTF has no struct {} member {}", structName, name));
    base.path.push_back({static_cast<int32_t>(*off), size, isSigned});
    return base;
}
// *(uintN_t *)(v + offset), for packet headers (no BTF needed).
V loadAt(V v, int32_t offset, uint8_t size) {
    v.path.push_back({offset, size, false});
    return v;
}
V apply(V v, V::Step::Op op, int64_t c) {
    V::Step s;
    s.op = op;
    s.constant = c;
    v.path.push_back(std::move(s));
    return v;
}
V plus(V a, V b) {
    V::Step s;
    s.op = V::Step::Op::Add;
    s.operands.push_back(std::move(b));
    a.path.push_back(std::move(s));
    return a;
}
// c != 0 ? a : b
V select(V c, V a, V b) {
    V::Step s;
    s.op = V::Step::Op::Select;
    s.operands.push_back(std::move(a));
    s.operands.push_back(std::move(b));
    c.path.push_back(std::move(s));
    return c;
}

// One probe: where it fires, its arguments as -lv shows them.
struct Spec {
    const char* name;
    AttachKind attach;
    ArgLayout layout;
    const char* category; // tracepoints: the category
    std::vector<const char*> events;
    std::vector<ProbeArg> args;
};

const ProbeArg kLwp = {"struct task_struct *", "lwpsinfo_t *", 0};
const ProbeArg kPs = {"struct task_struct *", "psinfo_t *", 0};

const std::vector<Spec>& procSpecs() {
    static const std::vector<Spec> specs = {
        {"create",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_process_fork"},
         {kPs}},
        {"exec",
         AttachKind::Tracepoint,
         ArgLayout::SyscallEntry,
         "syscalls",
         {"sys_enter_execve"},
         {{"string", "", -1}}},
        {"exec-failure",
         AttachKind::Tracepoint,
         ArgLayout::SyscallReturn,
         "syscalls",
         {"sys_exit_execve", "sys_exit_execveat"},
         {{"int", "", -1}}},
        {"exec-success",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_process_exec"},
         {}},
        {"exit",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_process_exit"},
         {{"int", "", -1}}},
        {"lwp-create",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_process_fork"},
         {kLwp, kPs}},
        {"lwp-exit", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {"sched_process_exit"}, {}},
        {"lwp-start",
         AttachKind::Tracepoint,
         ArgLayout::SyscallReturn,
         "syscalls",
         {"sys_exit_clone", "sys_exit_clone3"},
         {}},
        {"signal-discard",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"signal_generate"},
         {kLwp, kPs, {"int", "", -1}}},
        {"signal-handle",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"signal_deliver"},
         {{"int", "", -1}, {"struct kernel_siginfo *", "", -1}, {"uintptr_t", "", -1}}},
        {"signal-send",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"signal_generate"},
         {kLwp, kPs, {"int", "", -1}}},
        {"start",
         AttachKind::Tracepoint,
         ArgLayout::SyscallReturn,
         "syscalls",
         {"sys_exit_clone", "sys_exit_clone3", "sys_exit_fork", "sys_exit_vfork"},
         {}},
    };
    return specs;
}

const std::vector<Spec>& schedSpecs() {
    static const std::vector<Spec> specs = {
        {"off-cpu",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_switch"},
         {kLwp, kPs}},
        {"on-cpu", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {"sched_exit_tp"}, {}},
        {"preempt", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {"sched_switch"}, {}},
        {"remain-cpu", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {"sched_exit_tp"}, {}},
        {"sleep", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {"sched_switch"}, {}},
        {"surrender",
         AttachKind::Tracepoint,
         ArgLayout::SyscallEntry,
         "syscalls",
         {"sys_enter_sched_yield"},
         {kLwp, kPs}},
        {"tick", AttachKind::PerfClock, ArgLayout::PerfRegs, "", {}, {kLwp, kPs}},
        {"wakeup",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"sched_wakeup"},
         {kLwp, kPs}},
    };
    return specs;
}

// io, ip, tcp, udp: disk requests and network packets.  Arguments are
// pointers the D library (io.d, ip.d, tcp.d, udp.d) translates: the
// request, the socket buffer, its socket, its IP and transport headers.
const ProbeArg kBuf = {"struct request *", "bufinfo_t *", 0};
const ProbeArg kDev = {"struct request *", "devinfo_t *", 1};
const ProbeArg kFile = {"struct request *", "fileinfo_t *", 2};
const ProbeArg kPkt = {"struct sk_buff *", "pktinfo_t *", 0};
const ProbeArg kCs = {"struct sock *", "csinfo_t *", 1};
const ProbeArg kIp = {"struct iphdr *", "ipinfo_t *", 2};
const ProbeArg kTcps = {"struct sock *", "tcpsinfo_t *", 3};
const ProbeArg kTcp = {"struct tcphdr *", "tcpinfo_t *", 4};
const ProbeArg kTcpls = {"int", "tcplsinfo_t *", 5};
const ProbeArg kUdps = {"struct sock *", "udpsinfo_t *", 3};
const ProbeArg kUdp = {"struct udphdr *", "udpinfo_t *", 4};

const std::vector<Spec>& ioSpecs() {
    static const std::vector<Spec> specs = {
        {"done",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"block_rq_complete"},
         {kBuf, kDev, kFile}},
        {"start",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"block_rq_issue"},
         {kBuf, kDev, kFile}},
    };
    return specs;
}

// Packets leave through net_dev_start_xmit (before the driver has them)
// and arrive through netif_receive_skb (before the protocols do).
const char* const kXmit = "net_dev_start_xmit";
const char* const kRecv = "netif_receive_skb";

const std::vector<Spec>& ipSpecs() {
    static const std::vector<ProbeArg> args = {kPkt,
                                               kCs,
                                               kIp,
                                               {"struct net_device *", "ifinfo_t *", 3},
                                               {"struct iphdr *", "ipv4info_t *", 4},
                                               {"struct ipv6hdr *", "ipv6info_t *", 5}};
    static const std::vector<Spec> specs = {
        {"receive", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kRecv}, args},
        {"send", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kXmit}, args},
    };
    return specs;
}

const std::vector<Spec>& tcpSpecs() {
    static const std::vector<ProbeArg> conn = {kPkt, kCs, kIp, kTcps, kTcp};
    static const std::vector<Spec> specs = {
        {"accept-established",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"inet_sock_set_state"},
         conn},
        {"accept-refused",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"tcp_send_reset"},
         conn},
        {"connect-established",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"inet_sock_set_state"},
         conn},
        {"connect-refused",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"tcp_receive_reset"},
         conn},
        {"connect-request",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"inet_sock_set_state"},
         conn},
        {"receive", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kRecv}, conn},
        {"send", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kXmit}, conn},
        {"state-change",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"inet_sock_set_state"},
         {kPkt, kCs, kIp, kTcps, kTcp, kTcpls}},
    };
    return specs;
}

const std::vector<Spec>& udpSpecs() {
    static const std::vector<ProbeArg> args = {kPkt, kCs, kIp, kUdps, kUdp};
    static const std::vector<Spec> specs = {
        {"receive", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kRecv}, args},
        {"send", AttachKind::RawTracepoint, ArgLayout::RawArgs, "", {kXmit}, args},
    };
    return specs;
}

// A packet's headers: on the way out the socket buffer's header offsets
// are set; on the way in its data is at the IP header and the transport
// header follows the IP header (IPv6 extension headers are not skipped).
struct Packet {
    V skb, sk, dev, ip, version, isV6, protocol, transport;
};
Packet packet(bool out) {
    using Op = V::Step::Op;
    Packet p;
    p.skb = arg(0);
    p.sk = member(arg(0), "sk_buff", "sk", 8);
    V head = member(arg(0), "sk_buff", "head", 8);
    if (out) {
        p.dev = arg(1);
        p.ip = plus(head, member(arg(0), "sk_buff", "network_header", 2));
    } else {
        p.dev = member(arg(0), "sk_buff", "dev", 8);
        p.ip = member(arg(0), "sk_buff", "data", 8);
    }
    p.version = apply(loadAt(p.ip, 0, 1), Op::Rsh, 4);
    p.isV6 = apply(p.version, Op::And, 2); // 4 or 6
    p.protocol = select(p.isV6, loadAt(p.ip, 6, 1), loadAt(p.ip, 9, 1));
    if (out) {
        p.transport = plus(head, member(arg(0), "sk_buff", "transport_header", 2));
    } else {
        V ihl = apply(apply(loadAt(p.ip, 0, 1), Op::And, 0xf), Op::Lsh, 2);
        p.transport = plus(p.ip, select(p.isV6, constant(40), ihl));
    }
    return p;
}

// Linux's TCP states (TCP_STATE_* in tcp.d).
constexpr int kTcpEstablished = 1, kTcpSynSent = 2, kTcpSynRecv = 3, kTcpClose = 7;
constexpr int kIpProtoTcp = 6, kIpProtoUdp = 17;

Derivation deriveNet(const std::string& provider, const std::string& name) {
    using Op = V::Step::Op;
    Derivation d;
    auto when = [&](C c) { d.conditions.push_back(std::move(c)); };
    if (provider == "io") {
        // block_rq_issue(rq), block_rq_complete(rq, error, nr_bytes)
        d.args = {arg(0), arg(0), arg(0)};
        return d;
    }
    if (provider == "ip" ||
        ((provider == "tcp" || provider == "udp") && (name == "send" || name == "receive"))) {
        Packet p = packet(name == "send");
        // IPv4 or IPv6 only (not ARP...): version | 2 is 6.
        when(cond(apply(p.version, Op::Or, 2), C::Op::Eq, constant(6)));
        if (provider == "ip") {
            d.args = {p.skb,
                      p.sk,
                      p.ip,
                      p.dev,
                      select(p.isV6, constant(0), p.ip),
                      select(p.isV6, p.ip, constant(0))};
        } else {
            when(cond(p.protocol, C::Op::Eq,
                      constant(provider == "tcp" ? kIpProtoTcp : kIpProtoUdp)));
            d.args = {p.skb, p.sk, p.ip, p.sk, p.transport};
        }
        return d;
    }
    if (provider != "tcp") return d;
    V sk = arg(0);
    V state = member(sk, "sock_common", "skc_state", 1);
    if (name == "connect-refused") {
        // tcp_receive_reset(sk): a reset answering our SYN.
        when(cond(state, C::Op::Eq, constant(kTcpSynSent)));
        d.args = {constant(0), sk, constant(0), sk, constant(0)};
    } else if (name == "accept-refused") {
        // tcp_send_reset(sk, skb, reason): no socket took the incoming SYN.
        when(cond(sk, C::Op::Eq, constant(0)));
        V skb = arg(1);
        V head = member(skb, "sk_buff", "head", 8);
        V th = plus(head, member(skb, "sk_buff", "transport_header", 2));
        V ip = plus(head, member(skb, "sk_buff", "network_header", 2));
        when(cond(apply(loadAt(th, 13, 1), Op::And, 0x12), C::Op::Eq, constant(0x02)));
        d.args = {skb, constant(0), ip, constant(0), th};
    } else {
        // inet_sock_set_state(sk, oldstate, newstate), for TCP sockets.
        when(cond(member(sk, "sock", "sk_protocol", 2), C::Op::Eq, constant(kIpProtoTcp)));
        auto transition = [&](int from, int to) {
            when(cond(arg(1), C::Op::Eq, constant(from)));
            when(cond(arg(2), C::Op::Eq, constant(to)));
        };
        if (name == "connect-request") transition(kTcpClose, kTcpSynSent);
        if (name == "connect-established") transition(kTcpSynSent, kTcpEstablished);
        if (name == "accept-established") transition(kTcpSynRecv, kTcpEstablished);
        d.args = {constant(0), sk, constant(0), sk, constant(0)};
        if (name == "state-change") d.args.push_back(arg(1));
    }
    return d;
}

// How each probe's arguments and condition come from the underlying ones.
// lockstat: the kernel traces lock contention only (lock:contention_begin
// with the lock and its kind's LCB_F_* flags, contention_end with the lock),
// so the spin and block probes are there, not acquire and release.  Each
// fires at contention_end with the lock and the nanoseconds since this
// thread's contention_begin for it.
const std::vector<Spec>& lockstatSpecs() {
    const ProbeArg lock = {"void *", "", -1}, time = {"uint64_t", "", -1};
    static const std::vector<Spec> specs = {
        {"adaptive-block",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"contention_end"},
         {{"struct mutex *", "", -1}, time}},
        {"adaptive-spin",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"contention_end"},
         {{"struct mutex *", "", -1}, time}},
        {"rw-block",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"contention_end"},
         {lock, time}},
        {"rw-spin",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"contention_end"},
         {lock, time}},
        {"spin-spin",
         AttachKind::RawTracepoint,
         ArgLayout::RawArgs,
         "",
         {"contention_end"},
         {lock, time}},
    };
    return specs;
}

Derivation deriveLockstat(const std::string& name) {
    // include/trace/events/lock.h's LCB_F_* flags.
    constexpr int64_t kSpin = 1, kRead = 2, kWrite = 4, kMutex = 32;
    auto mark = [](int what) {
        V v;
        v.source = V::Source::Mark;
        v.arg = what;
        return v;
    };
    auto flags = [&](int64_t mask) {
        V v = mark(1);
        V::Step s;
        s.op = V::Step::Op::And;
        s.constant = mask;
        v.path.push_back(s);
        return v;
    };
    Derivation d;
    // This thread's contention_begin was for the same lock.
    d.conditions.push_back(cond(mark(0), C::Op::Eq, arg(0)));
    auto kind = [&](int64_t mask, int64_t value) {
        d.conditions.push_back(cond(flags(mask), C::Op::Eq, constant(value)));
    };
    if (name == "adaptive-block") {
        kind(kMutex | kSpin, kMutex);
    } else if (name == "adaptive-spin") {
        kind(kMutex | kSpin, kMutex | kSpin);
    } else if (name == "spin-spin") {
        kind(kMutex | kSpin | kRead | kWrite, kSpin);
    } else if (name == "rw-spin" || name == "rw-block") {
        kind(kMutex | kSpin, name == "rw-spin" ? kSpin : 0);
        d.conditions.push_back(cond(flags(kRead | kWrite), C::Op::Ne, constant(0)));
    }
    d.args = {arg(0), mark(2)};
    return d;
}

Derivation derive(const std::string& provider, const std::string& name) {
    if (provider == "lockstat") return deriveLockstat(name);
    if (provider != "proc" && provider != "sched") return deriveNet(provider, name);
    Derivation d;
    auto args = [&](std::vector<V> v) { d.args = std::move(v); };
    auto when = [&](C c) { d.conditions.push_back(std::move(c)); };
    if (provider == "proc") {
        if (name == "create" || name == "lwp-create") {
            // sched_process_fork(parent, child): a new process or thread.
            when(cond(pidOf(arg(1)), name == "create" ? C::Op::Eq : C::Op::Ne, tgidOf(arg(1))));
            args(name == "create" ? std::vector<V>{arg(1)} : std::vector<V>{arg(1), arg(1)});
        } else if (name == "exec") {
            args({arg(0)}); // execve's path
        } else if (name == "exec-failure") {
            when(cond(arg(0), C::Op::Lt, constant(0)));
            V err = arg(0);
            err.post = V::Post::Negate;
            args({err});
        } else if (name == "exit") {
            // sched_process_exit(task, group_dead): the last thread.
            when(cond(arg(1), C::Op::Ne, constant(0)));
            V reason = taskField(arg(0), "exit_code", 4, true);
            reason.post = V::Post::ExitReason;
            args({reason});
        } else if (name == "start" || name == "lwp-start") {
            // The new task's return from clone: 0 in the child.
            when(cond(arg(0), C::Op::Eq, constant(0)));
            when(
                cond(pidOf(current()), name == "start" ? C::Op::Eq : C::Op::Ne, tgidOf(current())));
        } else if (name == "signal-send" || name == "signal-discard") {
            // signal_generate(sig, info, task, group, result): result 1 is
            // TRACE_SIGNAL_IGNORED.
            when(cond(arg(4), name == "signal-send" ? C::Op::Ne : C::Op::Eq, constant(1)));
            args({arg(2), arg(2), arg(0)});
        } else if (name == "signal-handle") {
            // signal_deliver(sig, info, ka): the handler is ka->sa.sa_handler,
            // the first word of struct k_sigaction.
            V handler = arg(2);
            handler.path.push_back({0, 8, false});
            args({arg(0), arg(1), handler});
        }
    } else if (provider == "sched") {
        if (name == "off-cpu") {
            args({arg(2), arg(2)}); // sched_switch(preempt, prev, next, prev_state)
        } else if (name == "on-cpu" || name == "remain-cpu") {
            // sched_exit_tp(is_switch) at the end of __schedule(), in the
            // thread that now runs.
            when(cond(arg(0), name == "on-cpu" ? C::Op::Ne : C::Op::Eq, constant(0)));
        } else if (name == "preempt") {
            when(cond(arg(0), C::Op::Ne, constant(0)));
        } else if (name == "sleep") {
            // Going off CPU in an interruptible or uninterruptible sleep.
            when(cond(arg(0), C::Op::Eq, constant(0)));
            when(cond(arg(3), C::Op::Ne, constant(0)));
        } else if (name == "surrender" || name == "tick") {
            args({current(), current()});
        } else if (name == "wakeup") {
            args({arg(0), arg(0)});
        }
    }
    return d;
}

// The raw tracepoint's argument count from its BPF hook's prototype.
int rawArgCount(const std::string& event) {
    const btf_type* t = rawTracepointPrototype(event);
    if (!t) return -1;
    return btf_vlen(t) > 0 ? static_cast<int>(btf_vlen(t)) - 1 : 0;
}

// The scheduler's tick period (CONFIG_HZ from the kernel's config, 250 if
// it cannot be read).
uint64_t tickPeriodNs() {
    utsname u{};
    uname(&u);
    bool ok = false;
    std::string config = readFile(std::string("/boot/config-") + u.release, &ok);
    long hz = 250;
    size_t at = ok ? config.find("\nCONFIG_HZ=") : std::string::npos;
    if (at != std::string::npos) hz = std::max(1L, atol(config.c_str() + at + 11));
    return 1000000000ull / static_cast<uint64_t>(hz);
}

class StableProvider : public Provider {
  public:
    StableProvider(const char* name, const std::vector<Spec>& specs) : name_(name), specs_(specs) {}
    std::string_view name() const override { return name_; }
    ProviderAttributes attributes() const override {
        return {{Stability::Evolving, Stability::Evolving, DepClass::Isa},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Private, Stability::Private, DepClass::Unknown},
                {Stability::Evolving, Stability::Evolving, DepClass::Isa},
                {Stability::Evolving, Stability::Evolving, DepClass::Isa}};
    }
    void enumerate(ProbeRegistry& reg) override {
        for (const Spec& s : specs_) {
            Probe p;
            p.provider = name_;
            p.module = "vmlinux";
            p.name = s.name;
            p.attach = s.attach;
            p.args = s.layout;
            p.tpCategory = s.category;
            if (!s.events.empty()) p.tpName = s.events[0];
            for (size_t i = 1; i < s.events.size(); i++)
                p.moreTpNames.push_back(s.events[i]);
            p.derived = true;
            p.argsState = ArgsState::Pending;
            reg.add(std::move(p));
        }
    }
    void describe(Probe& p) override {
        p.argsState = ArgsState::Known;
        for (const Spec& s : specs_) {
            if (p.name != s.name) continue;
            p.argTypes = s.args;
            break;
        }
        if (p.attach == AttachKind::RawTracepoint) {
            p.rawArgCount = rawArgCount(p.tpName);
            if (p.rawArgCount < 0)
                throw Error(
                    dt::format("probe {} is not available: the kernel has no raw tracepoint {}",
                               p.fullName(), p.tpName));
        }
        if (p.attach == AttachKind::PerfClock) {
            p.periodNs = tickPeriodNs();
            p.everyCpu = true;
        }
        p.derivation = derive(p.provider, p.name);
        if (p.provider == "lockstat") p.markRawTp = "contention_begin";
    }

  private:
    std::string name_;
    const std::vector<Spec>& specs_;
};

} // namespace

std::unique_ptr<Provider> makeProcProvider() {
    return std::make_unique<StableProvider>("proc", procSpecs());
}

std::unique_ptr<Provider> makeSchedProvider() {
    return std::make_unique<StableProvider>("sched", schedSpecs());
}

std::unique_ptr<Provider> makeIoProvider() {
    return std::make_unique<StableProvider>("io", ioSpecs());
}

std::unique_ptr<Provider> makeIpProvider() {
    return std::make_unique<StableProvider>("ip", ipSpecs());
}

std::unique_ptr<Provider> makeTcpProvider() {
    return std::make_unique<StableProvider>("tcp", tcpSpecs());
}

std::unique_ptr<Provider> makeUdpProvider() {
    return std::make_unique<StableProvider>("udp", udpSpecs());
}

std::unique_ptr<Provider> makeLockstatProvider() {
    return std::make_unique<StableProvider>("lockstat", lockstatSpecs());
}

} // namespace dt
