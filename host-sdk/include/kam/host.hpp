// host.hpp - a header-only C++17 wrapper for hosts (ERPs) that load the KAM plugin with Boost.DLL.
//
// It adds nothing to the C ABI in kam.h; it makes it safe to use from C++:
//   - Plugin::load() loads libkam.so (RTLD_NOW | RTLD_LOCAL), negotiates ABI major
//     KAM_ABI_VERSION_MAJOR and checks the function table before anything else is called.
//   - Every object that came from the plugin (Plugin, Instance, Buffer) shares ownership of the loaded
//     library, so the .so stays mapped until the last of them is gone, whatever the order in which the
//     host drops them.
//   - Every status other than KAM_OK becomes a kam::host::Error carrying the status code, its name and
//     the plugin's last_error_message for the calling thread.
//   - Instance, Buffer, Actor and ConfigSource are RAII types that build and release the C structs.
//
// Thread rules are those of kam.h: a Plugin (and copies of it) may be used from any thread. Instance
// methods are [thread-safe] except destruction and move-assignment, which no other call on the same
// Instance may overlap. A Buffer is used by one thread at a time. Callbacks (HostCallbacks) are called
// on whichever host thread is inside a plugin call, possibly concurrently: they must be thread-safe.
//
// Exceptions never cross into the plugin: the callback adapters catch everything a HostCallbacks
// function throws (log: dropped; notify: reported as KAM_ERR_INTERNAL so the notification stays
// pending; now_ms: the system clock is used instead), and the progress function of evaluate_tiers
// (not called again; the exception is rethrown when the call returns).
//
// The ABI 1.1 calls (evaluate_tiers, account_card, set/clear_tier_override, report_pareto, tick) check
// KAM_API_HAS and throw KAM_ERR_UNSUPPORTED naming the function when the plugin is older. So does
// Instance::complaints() (ABI 1.3, kam/host/complaints.hpp) on a 1.2 plugin, and each Complaints method
// for a member its table lacks (KAM_COMPLAINTS_HAS).
//
// Link with Boost::filesystem (or define BOOST_DLL_USE_STD_FS) and ${CMAKE_DL_LIBS}; the CMake target
// kam::host_sdk does that.//
// One header per concern under kam/host/ (each includes what it needs); hosts include this one.
#ifndef KAM_HOST_HPP
#define KAM_HOST_HPP

#include <kam/host/actor.hpp>          // Actor: who is acting
#include <kam/host/buffer.hpp>         // Buffer: text the plugin returned
#include <kam/host/callbacks.hpp>      // HostCallbacks: log, notify, now_ms
#include <kam/host/complaints.hpp>     // Complaints: the 1.3 complaint queries
#include <kam/host/contacts.hpp>       // Contacts: the 1.4 who-is-calling lookup
#include <kam/host/config_source.hpp>  // ConfigSource: a YAML file or text
#include <kam/host/error.hpp>          // Error and the status names
#include <kam/host/identity.hpp>       // Identity: the 1.4 account identity calls
#include <kam/host/instance.hpp>       // Instance: the calls on one instance
#include <kam/host/library.hpp>        // the loaded library shared by everything from it
#include <kam/host/plugin.hpp>         // Plugin: load, negotiate, check the table
#include <kam/host/visits.hpp>         // Visits: the 1.4 visit plan queries
#include <kam/host/distributors.hpp>   // Distributors: the 1.5 deal registration, review, quotes
#include <kam/host/service.hpp>        // Service: the 1.4 service workflow queries

#endif  // KAM_HOST_HPP
