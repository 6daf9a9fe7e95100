// redact.hpp - the one function that removes database passwords from text before it is shown:
// check-config's summary, instance_info's database.url, reload errors, and the store's messages
// (libpq and SOCI repeat the connection string in theirs).
#pragma once

#include <string>

namespace kam::config {

// `text` with every password value replaced by "***": keyword/value conninfo ("password=x",
// "password = 'a b'"), and in every URI (scheme://...) the password of the userinfo
// and any query parameter that libpq decodes to "password" (?pass%77ord=x). URIs are split the way
// libpq splits them: the userinfo ends at the first '@' before any '/', so in
// "postgresql://u?x:pw@host/db" the password is "pw".
std::string redact_secrets(std::string text);

}  // namespace kam::config
