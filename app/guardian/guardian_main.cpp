// SPDX-License-Identifier: GPL-3.0-or-later
// filare-perf-guardian COMMAND [ARGS...]
//
// Leads the process group of one profiled command on behalf of filare-perf. It runs the
// command with stdin from /dev/null and waits for it, while watching its own stdin, a pipe
// from filare-perf: if that pipe closes before the command ends, filare-perf is gone (even
// killed with SIGKILL), and the guardian kills the whole group so nothing outlives the app.
// It exits with the command's exit code, or 128 + N when the command died of signal N.
// FILARE_PERF_CLEANUP (words joined by U+001F), when set, is run then too, outside the group:
// a container is not stopped by killing its engine's client.
// Plain POSIX, no Qt: it must start fast and do nothing else.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: filare-perf-guardian COMMAND [ARGS...]\n");
        return 2;
    }
    // A stop (SIGINT, SIGTERM to the group) may come before the command exists: it is held
    // until the fork and then passed on, else the command would start as if nothing happened.
    // Read, and kept from the command: it is ours.
    std::vector<std::string> cleanup;
    if (const char *words = std::getenv("FILARE_PERF_CLEANUP")) {
        std::string all(words);
        std::size_t from = 0;
        while (from <= all.size()) {
            const std::size_t at = all.find('\x1f', from);
            cleanup.push_back(
                all.substr(from, at == std::string::npos ? std::string::npos : at - from));
            if (at == std::string::npos)
                break;
            from = at + 1;
        }
        unsetenv("FILARE_PERF_CLEANUP");
    }
    sigset_t stops;
    sigset_t previous;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigprocmask(SIG_BLOCK, &stops, &previous);

    const pid_t child = fork();
    if (child < 0) {
        std::perror("filare-perf-guardian: fork");
        return 127;
    }
    if (child == 0) {
        // Ignored dispositions (inherited) would survive exec. A stop that reaches the group
        // from now on ends the child before it runs anything.
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        sigprocmask(SIG_SETMASK, &previous, nullptr);
        const int null = open("/dev/null", O_RDONLY);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            close(null);
        }
        execvp(argv[1], argv + 1);
        std::fprintf(stderr, "filare-perf-guardian: cannot run %s: %s\n", argv[1],
                     std::strerror(errno));
        _exit(127);
    }

    sigset_t pending;
    sigpending(&pending);
    // The group is stopped with SIGINT, then SIGTERM: the guardian stays to report how the
    // command ended (SIGKILL still ends it). Ignoring them drops those held so far.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_IGN);
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    for (const int stop : {SIGINT, SIGTERM}) {
        if (sigismember(&pending, stop) == 1)
            kill(child, stop);
    }

    bool watching = true;
    while (true) {
        int status = 0;
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) {
            if (WIFEXITED(status))
                return WEXITSTATUS(status);
            if (WIFSIGNALED(status))
                return 128 + WTERMSIG(status);
            return 1;
        }
        if (done < 0 && errno != EINTR)
            return 1;
        if (!watching) {
            usleep(100 * 1000);
            continue;
        }
        pollfd fd{STDIN_FILENO, POLLIN, 0};
        const int ready = poll(&fd, 1, 100);
        if (ready > 0) {
            char buffer[256];
            const ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                // filare-perf is gone: end the whole group, this guardian included, and
                // start the cleanup in a session of its own so that it outlives the group.
                // The pipe closes when the cleanup has left the group (exec closes it).
                int left[2] = {-1, -1};
                const bool haveCleanup = !cleanup.empty() && pipe2(left, O_CLOEXEC) == 0;
                const pid_t cleaner = haveCleanup ? fork() : -1;
                if (haveCleanup && cleaner > 0) {
                    close(left[1]);
                    char byte;
                    while (read(left[0], &byte, 1) < 0 && errno == EINTR) {
                    }
                }
                if (cleaner == 0) {
                    close(left[0]);
                    setsid();
                    std::vector<char *> args;
                    for (std::string &w : cleanup)
                        args.push_back(w.data());
                    args.push_back(nullptr);
                    const int null = open("/dev/null", O_RDWR);
                    if (null >= 0) {
                        dup2(null, STDIN_FILENO);
                        dup2(null, STDOUT_FILENO);
                        dup2(null, STDERR_FILENO);
                        if (null > STDERR_FILENO)
                            close(null);
                    }
                    execvp(args[0], args.data());
                    _exit(127);
                }
                kill(0, SIGKILL);
                return 137;
            }
        } else if (ready < 0 && errno != EINTR) {
            watching = false; // no pipe to watch (e.g. stdin closed on purpose)
        }
    }
}
