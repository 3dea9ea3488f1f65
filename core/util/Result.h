// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Error.h"

#include <utility>
#include <variant>

namespace kpi {

// Either a value or an Error; errors are values, never exceptions through the event loop.
// Built only through the named factories, so a Result<Error> can never be ambiguous.
template<typename T>
class [[nodiscard]] Result
{
public:
    static Result ok(T value) { return Result(std::in_place_index<0>, std::move(value)); }
    static Result error(Error error) { return Result(std::in_place_index<1>, std::move(error)); }
    static Result error(Error::Code code, QString message, QString where = {})
    {
        return error(Error{code, std::move(message), std::move(where)});
    }

    bool isOk() const { return m_data.index() == 0; }
    explicit operator bool() const { return isOk(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    T *operator->() { return &std::get<0>(m_data); }
    const T &operator*() const & { return std::get<0>(m_data); }
    T &operator*() & { return std::get<0>(m_data); }
    T &&operator*() && { return std::get<0>(std::move(m_data)); }

    // On an ok Result (a programming error) this is an empty Error rather than a throw:
    // nothing may throw through the event loop.
    const Error &error() const
    {
        static const Error none;
        const Error *e = std::get_if<1>(&m_data);
        return e ? *e : none;
    }

    // The error converted to another Result type, for passing a failure up unchanged.
    template<typename U>
    Result<U> forward() const
    {
        return Result<U>::error(error());
    }

    Result() = default; // an Internal error; needed by Qt's metatype system
private:
    template<std::size_t I, typename V>
    Result(std::in_place_index_t<I> index, V &&v) : m_data(index, std::forward<V>(v))
    { }

    std::variant<T, Error> m_data{std::in_place_index<1>, Error{}};
};

template<>
class [[nodiscard]] Result<void>
{
public:
    static Result ok() { return Result(Error{}, true); }
    static Result error(Error error) { return Result(std::move(error), false); }
    static Result error(Error::Code code, QString message, QString where = {})
    {
        return error(Error{code, std::move(message), std::move(where)});
    }

    bool isOk() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

    template<typename U>
    Result<U> forward() const
    {
        return Result<U>::error(m_error);
    }

    Result() = default;

private:
    Result(Error error, bool ok) : m_error(std::move(error)), m_ok(ok) { }

    Error m_error;
    bool m_ok = false;
};

} // namespace kpi
