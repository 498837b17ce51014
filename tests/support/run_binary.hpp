// SPDX-License-Identifier: MIT
#pragma once

#include <fcntl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test_config.hpp"

namespace locality::test {

/**
 * Starts the built `locality` with `args` (stdin, stdout and stderr on /dev/null) and returns its
 * process id, or -1 when it could not be started.
 */
inline pid_t spawn_locality(const std::vector<std::string>& args) {
    const std::string binary = locality_binary();
    std::vector<std::string> all{binary};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : all) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

/** Waits for `pid`: its exit code, or 128 + the signal that ended it. */
inline int wait_locality(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/** Runs the built `locality` with `args` to the end: its exit code. */
inline int run_locality(const std::vector<std::string>& args) { return wait_locality(spawn_locality(args)); }

}  // namespace locality::test
