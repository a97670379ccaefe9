using System.Reflection;
using System.Text.Json;

namespace Gurukul.Bench.Catalog;

/// <summary>The hand-written data the generator draws from (<c>Catalog/*.json</c>, embedded): names, places, mentor archetypes, education.</summary>
public sealed record Catalogs(NameCatalog Names, PlaceCatalog Places, PersonaCatalog Personas, EducationCatalog Education, NativeCatalog Native)
{
    public static Catalogs Load() => new(Read<NameCatalog>("names.json"), Read<PlaceCatalog>("places.json"),
        Read<PersonaCatalog>("personas.json"), Read<EducationCatalog>("education.json"), Read<NativeCatalog>("native.json"));

    private static T Read<T>(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("catalog/" + file)
            ?? throw new InvalidOperationException($"Catalog {file} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Catalog {file} is empty.");
    }
}

public sealed record NameCatalog(Dictionary<string, NamePool> Pools);

/// <summary>How names are written in a community: <c>given-family</c>, <c>tamil</c> (often an initial), <c>sikh</c> (Singh/Kaur), <c>meitei</c> (family name first).</summary>
public sealed record NamePool(string Pattern, List<string> Male, List<string> Female, List<string> Family);

public sealed record PlaceCatalog(List<StateInfo> States, List<AbroadInfo> Abroad);

public sealed record StateInfo(
    string Name, double Weight, double Reach, Dictionary<string, double> Languages, Dictionary<string, double> Pools,
    List<string> Boards, Dictionary<string, List<string>> Subjects, string Streams, Dictionary<string, double> Cities);

public sealed record AbroadInfo(string Country, string Currency, double MedianMajor, double Weight, List<AbroadPlace> Places);

public sealed record AbroadPlace(string City, string State, string TimeZone, double Weight);

public sealed record PersonaCatalog(List<Persona> Personas, List<string> Closings, Dictionary<string, List<string>> Companies, Dictionary<string, string> PersonaCompanies);

public sealed record Persona(
    string Key, double Weight, List<string> Levels, double PriceShift, double? ExpMean, string Topic, List<SubjectGroup> Groups,
    List<string> Headlines, List<string> Openings, List<string> Methods, List<string> Audiences, List<string> Expertise);

public sealed record SubjectGroup(List<string> Subjects, List<string>? Languages);

public sealed record EducationCatalog(
    Dictionary<string, List<string>> Universities, SchoolCatalog Schools, List<DegreeInfo> Degrees,
    Dictionary<string, Dictionary<string, double>> Streams, Dictionary<string, List<string>> Goals, List<string> Interests, List<string> Challenges);

public sealed record SchoolCatalog(List<string> Chains, Dictionary<string, List<string>> State);

public sealed record DegreeInfo(string Type, double Weight, int Semesters, string Field, Dictionary<string, double> Majors);

public sealed record NativeCatalog(Dictionary<string, string> Topics, Dictionary<string, NativeLanguage> Languages);

public sealed record NativeLanguage(Dictionary<string, string> Subjects, List<string> Headlines, List<string> SchoolHeadlines, List<List<string>> Sentences);
