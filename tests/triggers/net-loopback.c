/*
 * Network traffic over loopback for the ip, tcp and udp providers, on
 * ports PORT (TCP), PORT+1 (UDP) and PORT+2 (nothing listens), PORT from
 * the first argument (default 47000):
 *   - a TCP connection from 127.0.0.1 to 127.0.0.1:PORT that sends
 *     "hello" (5 bytes), is answered "world!" (6 bytes), and is closed;
 *   - a UDP datagram of 11 bytes from a connected socket to 127.0.0.1:PORT+1,
 *     and one of 13 bytes to [::1]:PORT+1;
 *   - a TCP connection to 127.0.0.1:PORT+2, refused.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in v4(int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static int fail(const char* what) {
    perror(what);
    return 1;
}

int main(int argc, char** argv) {
    int port = argc > 1 ? atoi(argv[1]) : 47000;
    char buf[64];
    int one = 1;

    struct sockaddr_in a = v4(port);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr*)&a, sizeof a) != 0 || listen(ls, 1) != 0) return fail("listen");
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr*)&a, sizeof a) != 0) return fail("connect");
    int s = accept(ls, NULL, NULL);
    if (s < 0) return fail("accept");
    if (write(c, "hello", 5) != 5 || read(s, buf, sizeof buf) != 5) return fail("tcp hello");
    if (write(s, "world!", 6) != 6 || read(c, buf, sizeof buf) != 6) return fail("tcp world");
    close(c);
    close(s);
    close(ls);

    struct sockaddr_in u = v4(port + 1);
    int us = socket(AF_INET, SOCK_DGRAM, 0);
    if (bind(us, (struct sockaddr*)&u, sizeof u) != 0) return fail("udp bind");
    int uc = socket(AF_INET, SOCK_DGRAM, 0);
    if (connect(uc, (struct sockaddr*)&u, sizeof u) != 0) return fail("udp connect");
    if (send(uc, "hello world", 11, 0) != 11 || recv(us, buf, sizeof buf, 0) != 11)
        return fail("udp");
    close(uc);
    close(us);

    struct sockaddr_in6 u6;
    memset(&u6, 0, sizeof u6);
    u6.sin6_family = AF_INET6;
    u6.sin6_port = htons((unsigned short)(port + 1));
    u6.sin6_addr = in6addr_loopback;
    int us6 = socket(AF_INET6, SOCK_DGRAM, 0);
    if (bind(us6, (struct sockaddr*)&u6, sizeof u6) != 0) return fail("udp6 bind");
    int uc6 = socket(AF_INET6, SOCK_DGRAM, 0);
    if (sendto(uc6, "hello world 6", 13, 0, (struct sockaddr*)&u6, sizeof u6) != 13 ||
        recv(us6, buf, sizeof buf, 0) != 13)
        return fail("udp6");
    close(uc6);
    close(us6);

    struct sockaddr_in r = v4(port + 2);
    int rc = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(rc, (struct sockaddr*)&r, sizeof r) == 0) return fail("refused connect succeeded");
    close(rc);
    return 0;
}
