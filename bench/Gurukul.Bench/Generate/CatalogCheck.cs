using Gurukul.Bench.Catalog;

namespace Gurukul.Bench.Generate;

/// <summary>Checks the hand-written catalogs against the app's reference data before anything is generated.</summary>
public static class CatalogCheck
{
    public static void Validate(Catalogs catalogs, ReferenceSeed reference)
    {
        var problems = new List<string>();
        void Subject(string slug, string where)
        {
            if (!slug.StartsWith('$') && !reference.IsSubject(slug))
            {
                problems.Add($"{where}: unknown subject '{slug}'");
            }
        }

        void Language(string code, string where)
        {
            if (!reference.LanguageNames.ContainsKey(code))
            {
                problems.Add($"{where}: unknown language '{code}'");
            }
        }

        foreach (var persona in catalogs.Personas.Personas)
        {
            foreach (var group in persona.Groups)
            {
                group.Subjects.ForEach(s => Subject(s, "persona " + persona.Key));
                group.Languages?.ForEach(l => Language(l, "persona " + persona.Key));
            }

            if (!catalogs.Personas.PersonaCompanies.ContainsKey(persona.Key))
            {
                problems.Add($"persona {persona.Key}: no company list");
            }
        }

        foreach (var state in catalogs.Places.States)
        {
            state.Subjects.Values.SelectMany(s => s).ToList().ForEach(s => Subject(s, "state " + state.Name));
            state.Languages.Keys.ToList().ForEach(l => Language(l, "state " + state.Name));
            problems.AddRange(state.Boards.Where(b => !reference.Boards.Contains(b)).Select(b => $"state {state.Name}: unknown board '{b}'"));
            problems.AddRange(state.Pools.Keys.Where(p => !catalogs.Names.Pools.ContainsKey(p)).Select(p => $"state {state.Name}: unknown name pool '{p}'"));
        }

        catalogs.Native.Topics.Keys.ToList().ForEach(s => Subject(s, "native topics"));
        catalogs.Native.Languages.Keys.ToList().ForEach(l => Language(l, "native languages"));
        if (problems.Count > 0)
        {
            throw new BenchException("The catalogs do not match the app's reference data:\n  " + string.Join("\n  ", problems));
        }
    }
}
