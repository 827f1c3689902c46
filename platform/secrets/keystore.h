#pragma once
// Keystore: named secrets (API keys, signing keys) sealed together in `<home>/keys.sealed` (CONTRACTS.md §1).
// The whole name -> value map is encrypted with the master key (sealed_box.h); every value loaded or stored is
// registered with the logger's redaction so it can never appear in a log line.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/log.h"
#include "base/result.h"
#include "platform/secrets/master_key.h"

namespace rbxpipe::platform::secrets {

/// Where the master key of an open keystore came from.
enum class KeySource {
  none,         ///< no key yet (no keystore file either); the first write needs one
  environment,  ///< the `master_key` text (RBXPIPE_MASTER_KEY)
  key_file,     ///< an existing key file
  created,      ///< a key file this call created: tell the user to back it up
};

/// How to open a keystore.
struct KeystoreOptions {
  std::filesystem::path home;               ///< the state folder; the keystore is `<home>/keys.sealed`
  std::optional<std::string> master_key;    ///< key text (64 hex or base64 of 32 bytes); wins over the key file
  std::filesystem::path key_file;           ///< empty: `<home>/master.key`
  bool create_key = false;                  ///< the first write may create the key file when there is no key
  base::Logger* logger = nullptr;           ///< where values are registered for redaction; null: default_logger()

  /// Options for `home` taking RBXPIPE_MASTER_KEY and RBXPIPE_MASTER_KEY_FILE from the environment.
  static KeystoreOptions from_environment(const std::filesystem::path& home);
};

/// An opened keystore. Writes take a lock file and re-read the store first, so concurrent writers never lose
/// each other's secrets.
class Keystore {
 public:
  /// Opens the keystore (an absent file is an empty keystore). Errors: invalid_input for a bad key text, a key
  /// file others can read, a keystore file with no key to open it, or one this key cannot open ("...cannot be
  /// opened with this master key, or it was modified"); io_error for unreadable files.
  static base::Result<Keystore> open(KeystoreOptions options);

  ~Keystore();
  Keystore(Keystore&&) noexcept = default;
  Keystore& operator=(Keystore&&) noexcept = default;
  Keystore(const Keystore&) = delete;
  Keystore& operator=(const Keystore&) = delete;

  /// Stores (or replaces) a secret and writes the keystore. Names are 1-128 characters of [A-Za-z0-9_.-]; values
  /// 1 byte to 64 KiB.
  base::Result<void> set(std::string_view name, std::string_view value);
  /// A secret's value; not_found when there is none of that name.
  base::Result<std::string> get(std::string_view name) const;
  /// The secrets' names, sorted (never the values).
  std::vector<std::string> list() const;
  /// Deletes a secret and writes the keystore; not_found when there is none of that name.
  base::Result<void> remove(std::string_view name);

  /// Where the master key came from (`created` after a write made a new key file).
  KeySource key_source() const { return m_key_source; }
  /// The key file used or created (empty when the key came from the environment).
  const std::filesystem::path& key_file() const { return m_key_file; }
  /// The sealed file, `<home>/keys.sealed`.
  const std::filesystem::path& path() const { return m_path; }

 private:
  Keystore() = default;
  base::Result<void> ensure_key();
  base::Result<void> load();
  base::Result<void> write_locked(const std::function<base::Result<void>()>& change);
  void register_values() const;
  void register_value(const std::string& value) const;

  std::filesystem::path m_path;
  std::filesystem::path m_key_file;
  std::optional<MasterKey> m_key;
  KeySource m_key_source = KeySource::none;
  bool m_create_key = false;
  base::Logger* m_logger = nullptr;
  std::map<std::string, std::string, std::less<>> m_secrets;
};

/// invalid_input unless `name` is 1-128 characters of [A-Za-z0-9_.-].
base::Result<void> validate_secret_name(std::string_view name);

/// The keystore file of a state folder: `<home>/keys.sealed`.
std::filesystem::path keystore_path(const std::filesystem::path& home);

}  // namespace rbxpipe::platform::secrets
