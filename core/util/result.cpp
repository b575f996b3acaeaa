#include "result.h"

using namespace Qt::StringLiterals;

namespace cma {

QString Error::codeName() const
{
    switch (code) {
    case ErrorCode::Usage:
        return u"usage"_s;
    case ErrorCode::NotFound:
        return u"not-found"_s;
    case ErrorCode::Ambiguous:
        return u"ambiguous"_s;
    case ErrorCode::NoUsableAccount:
        return u"no-usable-account"_s;
    case ErrorCode::SecretStoreUnavailable:
        return u"secret-store-unavailable"_s;
    case ErrorCode::StorageBusy:
        return u"storage-busy"_s;
    case ErrorCode::StorageUnreadable:
        return u"storage-unreadable"_s;
    case ErrorCode::StorageReadOnly:
        return u"storage-read-only"_s;
    case ErrorCode::Network:
        return u"network"_s;
    case ErrorCode::Auth:
        return u"auth"_s;
    case ErrorCode::Io:
        return u"io"_s;
    case ErrorCode::Cancelled:
        return u"cancelled"_s;
    case ErrorCode::Interrupted:
        return u"cancelled"_s;
    }
    return u"io"_s;
}

int Error::exitCode() const
{
    switch (code) {
    case ErrorCode::Usage:
    case ErrorCode::NotFound:
    case ErrorCode::Ambiguous:
        return 2;
    case ErrorCode::NoUsableAccount:
        return 3;
    case ErrorCode::SecretStoreUnavailable:
        return 4;
    case ErrorCode::StorageBusy:
    case ErrorCode::StorageUnreadable:
    case ErrorCode::StorageReadOnly:
        return 5;
    case ErrorCode::Interrupted:
        return 130;
    case ErrorCode::Network:
    case ErrorCode::Auth:
    case ErrorCode::Io:
    case ErrorCode::Cancelled:
        return 1;
    }
    return 1;
}

} // namespace cma
