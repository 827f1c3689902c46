#include "platform/store/sqlite_connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace rbxpipe::platform::store::detail {

namespace {

using base::Error;
using base::ErrorCode;

// Finalizes a prepared statement on every path out of a helper.
class Statement {
 public:
  Statement() = default;
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt** out() { return &m_stmt; }
  sqlite3_stmt* get() const { return m_stmt; }

 private:
  sqlite3_stmt* m_stmt = nullptr;
};

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

std::string abbreviated(std::string_view sql) {
  constexpr std::size_t k_max = 80;
  std::string text(sql.substr(0, k_max));
  for (char& c : text)
    if (c == '\n' || c == '\t') c = ' ';
  if (sql.size() > k_max) text += "...";
  return text;
}

bool only_separators(const char* text) {
  for (; *text != '\0'; ++text)
    if (*text != ';' && *text != ' ' && *text != '\n' && *text != '\t' && *text != '\r') return false;
  return true;
}

Value column_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(stmt, i)};
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
    case SQLITE_NULL: return std::monostate{};
    default: {
      // TEXT and BLOB both come back as bytes; asking for the blob never converts encodings.
      const void* data = sqlite3_column_blob(stmt, i);
      const int size = sqlite3_column_bytes(stmt, i);
      if (data == nullptr || size <= 0) return std::string();
      return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
    }
  }
}

}  // namespace

Connection::Connection(sqlite3* db, std::filesystem::path path, int busy_timeout_ms)
    : m_db(db), m_path(std::move(path)), m_busy_timeout_ms(busy_timeout_ms) {}

Connection::~Connection() { sqlite3_close_v2(m_db); }

base::Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& path, int busy_timeout_ms) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Error(ErrorCode::io_error, "cannot create folder " + quoted(path.parent_path()) + ": " + ec.message());
  }
  // The database holds token digests and tenant data: create it private. SQLite gives its -wal and -shm files the
  // database file's mode, so they follow.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error_number = errno;
    return Error(ErrorCode::io_error,
                 "cannot open the state database " + quoted(path) + ": " + std::strerror(error_number));
  }
  ::close(fd);

  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  // sqlite3_open_v2 may hand back a handle even when it fails; the Connection owns and closes it either way.
  std::unique_ptr<Connection> connection(new Connection(db, path, busy_timeout_ms));
  if (rc != SQLITE_OK) return connection->error(rc, "cannot open the state database");
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);

  // The first statement reads the header: a damaged or foreign file fails here with NOTADB, reported clearly.
  auto mode = connection->query("PRAGMA journal_mode = WAL", {}, QueryMode::any);
  if (!mode) return std::move(mode).error().with_context("cannot open the state database");
  if (mode->empty() || mode->front().text(0) != "wal") {
    return Error(ErrorCode::io_error, "cannot switch the state database " + quoted(path) +
                                          " to WAL mode (journal mode is '" +
                                          (mode->empty() ? std::string() : mode->front().text(0)) +
                                          "'); is it on a network file system?");
  }
  RBXPIPE_TRY(connection->run_script("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"));
  // Reading the schema touches every page header the catalogue needs, so a truncated or damaged file shows now.
  auto schema = connection->query("SELECT count(*) FROM sqlite_schema", {}, QueryMode::read_only);
  if (!schema) return std::move(schema).error().with_context("cannot open the state database");
  return connection;
}

base::Result<std::int64_t> Connection::execute(std::string_view sql, const std::vector<Value>& params) {
  RBXPIPE_TRY(query(sql, params, QueryMode::any));
  return std::int64_t{sqlite3_changes64(m_db)};
}

base::Result<std::vector<Row>> Connection::query(std::string_view sql, const std::vector<Value>& params,
                                                 QueryMode mode) {
  Statement stmt;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), stmt.out(), &tail);
  if (rc != SQLITE_OK) return error(rc, "cannot prepare '" + abbreviated(sql) + "'");
  if (stmt.get() == nullptr) return Error(ErrorCode::internal, "empty SQL statement");
  const std::string rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!only_separators(rest.c_str())) {
    return Error(ErrorCode::internal, "one statement at a time: '" + abbreviated(sql) + "'");
  }
  if (mode == QueryMode::read_only && sqlite3_stmt_readonly(stmt.get()) == 0) {
    return Error(ErrorCode::internal, "StateStore::query is for reading; run '" + abbreviated(sql) +
                                          "' inside transact()");
  }
  const int expected = sqlite3_bind_parameter_count(stmt.get());
  if (static_cast<std::size_t>(expected) != params.size()) {
    return Error(ErrorCode::internal, "'" + abbreviated(sql) + "' takes " + std::to_string(expected) +
                                          " parameters, got " + std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const Value& value = params[i];
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(stmt.get(), index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(stmt.get(), index, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      rc = sqlite3_bind_text64(stmt.get(), index, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt.get(), index);
    }
    if (rc != SQLITE_OK) return error(rc, "cannot bind parameter " + std::to_string(index));
  }

  std::vector<Row> rows;
  const int columns = sqlite3_column_count(stmt.get());
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    Row row;
    row.values.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) row.values.push_back(column_value(stmt.get(), i));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return error(rc, "cannot run '" + abbreviated(sql) + "'");
  return rows;
}

base::Result<void> Connection::run_script(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) return error(rc, "cannot run '" + abbreviated(sql) + "'");
  return base::ok();
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(m_db); }

Error Connection::error(int rc, std::string_view what) const {
  const std::string detail = m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  const std::string prefix = std::string(what) + ": ";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(ErrorCode::conflict, prefix + "the state database " + quoted(m_path) +
                                            " is busy (another process holds the write lock); gave up after " +
                                            std::to_string(m_busy_timeout_ms) + " ms");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error(ErrorCode::io_error, prefix + "the state database " + quoted(m_path) +
                                            " is damaged or is not a SQLite database (" + detail +
                                            "); move it aside to start over, or restore a backup");
    case SQLITE_CONSTRAINT:
      switch (rc) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY: return Error(ErrorCode::already_exists, prefix + detail);
        case SQLITE_CONSTRAINT_NOTNULL:
        case SQLITE_CONSTRAINT_CHECK: return Error(ErrorCode::invalid_input, prefix + detail);
        default: return Error(ErrorCode::conflict, prefix + detail);  // foreign keys, triggers
      }
    case SQLITE_TOOBIG: return Error(ErrorCode::too_large, prefix + detail);
    case SQLITE_INTERRUPT: return Error(ErrorCode::cancelled, prefix + detail);
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
    case SQLITE_AUTH:
      return Error(ErrorCode::io_error, prefix + quoted(m_path) + ": " + detail);
    default:
      // SQL errors, misuse and range problems mean the calling code is wrong, not the user or the disk.
      return Error(ErrorCode::internal, prefix + detail);
  }
}

}  // namespace rbxpipe::platform::store::detail
