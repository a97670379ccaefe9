using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Gurukul.Platform.Data;

/// <summary>Stores a NodaTime <see cref="Instant"/> as a UTC <see cref="DateTime"/> (timestamptz on PostgreSQL, ISO text on SQLite).</summary>
internal sealed class InstantToUtcDateTimeConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

/// <summary>Stores a NodaTime <see cref="LocalDate"/> as a <see cref="DateOnly"/>.</summary>
internal sealed class LocalDateToDateOnlyConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    stored => LocalDate.FromDateOnly(stored));
