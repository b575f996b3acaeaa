#pragma once

#include <optional>
#include <utility>
#include <variant>

#include <QString>

namespace cma {

/// Stable error kinds. Each maps to one kebab-case code and one CLI exit code (docs/cli.md §2, §3).
enum class ErrorCode
{
    Usage,
    NotFound,
    Ambiguous,
    NoUsableAccount,
    SecretStoreUnavailable,
    StorageBusy,
    StorageUnreadable,
    StorageReadOnly,
    Network,
    Auth,
    Io,
    Cancelled,
    Interrupted,
};

/// A failure that carries a message a user can read. Never put a token, code or verifier in it.
struct Error
{
    ErrorCode code = ErrorCode::Io;
    QString message;

    QString codeName() const;
    int exitCode() const;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

/// Either a value or an Error (an expected-style result, without bool-plus-out-parameter).
template <typename T> class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{};

/// Result of an operation that yields nothing but can fail.
using Status = Result<Ok>;

inline Status success()
{
    return Ok{};
}

} // namespace cma
