using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Words;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// The flows' own distress lists against the ways people in trouble write: many phrasings of each category, most of
/// them not a list's words as written, with slips, missing apostrophes and words around them.
/// </summary>
public class DistressWordsTests
{
    private static string? CategoryOf(string language, string text) =>
        EngineHarness.Flow.Languages[language].Distress.Match(InputText.Normalize(text))?.Category;

    [Theory]
    // fear
    [InlineData("I'm scared", "fear")]
    [InlineData("im so scared right now", "fear")]
    [InlineData("scard", "fear")]
    [InlineData("i am afraid of him", "fear")]
    [InlineData("afriad", "fear")]
    [InlineData("Terrified.", "fear")]
    [InlineData("i'm freaking out", "fear")]
    [InlineData("i fear for my life", "fear")]
    [InlineData("i dont feel safe here", "fear")]
    // violence now
    [InlineData("he is hurting me", "violence_now")]
    [InlineData("he hit me", "violence_now")]
    [InlineData("my pimp beat me", "violence_now")]
    [InlineData("she is choking me", "violence_now")]
    [InlineData("he keeps hitting me", "violence_now")]
    [InlineData("my boyfriend punched me again", "violence_now")]
    [InlineData("a client attacked me", "violence_now")]
    [InlineData("he beat me up", "violence_now")]
    [InlineData("im bleeding", "violence_now")]
    [InlineData("hes got a gun", "violence_now")]
    [InlineData("he is beating her", "violence_now")]
    [InlineData("he strangled me last night", "violence_now")]
    // held or controlled
    [InlineData("he took my phone", "held_or_controlled")]
    [InlineData("they took my passport", "held_or_controlled")]
    [InlineData("he has my id and my money", "held_or_controlled")]
    [InlineData("he keeps my papers", "held_or_controlled")]
    [InlineData("my documents, he took them", "held_or_controlled")]
    [InlineData("he wont let me leave", "held_or_controlled")]
    [InlineData("he won't let me go", "held_or_controlled")]
    [InlineData("they dont let me out", "held_or_controlled")]
    [InlineData("i'm locked in", "held_or_controlled")]
    [InlineData("he locked me in the room", "held_or_controlled")]
    [InlineData("i cant leave", "held_or_controlled")]
    [InlineData("I can't get out", "held_or_controlled")]
    [InlineData("im trapped", "held_or_controlled")]
    [InlineData("i am not allowed to leave", "held_or_controlled")]
    [InlineData("someone is following me", "held_or_controlled")]
    // threats
    [InlineData("he threatened me", "threats")]
    [InlineData("he is threatening my family", "threats")]
    [InlineData("he said he will kill me", "violence_now")]
    [InlineData("he will hurt my kids", "violence_now")]
    [InlineData("she says she will call ICE", "threats")]
    [InlineData("he'll post my pictures", "threats")]
    [InlineData("he knows where i live", "threats")]
    [InlineData("do it or else", "threats")]
    // a plea for help
    [InlineData("I need help", "plea_for_help")]
    [InlineData("i need help now", "plea_for_help")]
    [InlineData("help please", "plea_for_help")]
    [InlineData("please help", "plea_for_help")]
    [InlineData("pls help", "plea_for_help")]
    [InlineData("help plz", "plea_for_help")]
    [InlineData("someone help", "plea_for_help")]
    [InlineData("can you help", "plea_for_help")]
    [InlineData("can u help us", "plea_for_help")]
    [InlineData("get me out of here", "plea_for_help")]
    [InlineData("save me", "plea_for_help")]
    [InlineData("please send police", "plea_for_help")]
    // overdose
    [InlineData("my friend overdosed", "overdose")]
    [InlineData("she is overdosing", "overdose")]
    [InlineData("i think he od'd", "overdose")]
    [InlineData("she's not breathing", "overdose")]
    [InlineData("he isnt breathing", "overdose")]
    [InlineData("she can't breathe", "overdose")]
    [InlineData("he passed out and wont wake up", "overdose")]
    [InlineData("she won't wake up", "overdose")]
    [InlineData("he is unconcious", "overdose")]
    [InlineData("her lips are turning blue", "overdose")]
    [InlineData("she took too many pills", "overdose")]
    [InlineData("he's having a seizure", "overdose")]
    public void English_distress_is_found(string text, string category) => Assert.Equal(category, CategoryOf("en", text));

    [Theory]
    // miedo
    [InlineData("tengo miedo", "fear")]
    [InlineData("Tengo mucho miedo", "fear")]
    [InlineData("me da miedo", "fear")]
    [InlineData("estoy asustada", "fear")]
    [InlineData("estoy muy asustado", "fear")]
    [InlineData("aterrada", "fear")]
    [InlineData("temo por mi vida", "fear")]
    [InlineData("no estoy a salvo", "fear")]
    // violencia ahora
    [InlineData("me pega", "violence_now")]
    [InlineData("me golpea", "violence_now")]
    [InlineData("mi novio me pego", "violence_now")]
    [InlineData("me está pegando", "violence_now")]
    [InlineData("me estan golpeando", "violence_now")]
    [InlineData("me golpearon", "violence_now")]
    [InlineData("el cliente me ataco", "violence_now")]
    [InlineData("me está ahorcando", "violence_now")]
    [InlineData("me hace daño", "violence_now")]
    [InlineData("me lastimo", "violence_now")]
    [InlineData("estoy sangrando", "violence_now")]
    [InlineData("tiene una pistola", "violence_now")]
    // retenida o controlada
    [InlineData("me quito mi telefono", "held_or_controlled")]
    [InlineData("me quitó el teléfono", "held_or_controlled")]
    [InlineData("me quitaron el pasaporte", "held_or_controlled")]
    [InlineData("me robo los documentos", "held_or_controlled")]
    [InlineData("el tiene mis papeles", "held_or_controlled")]
    [InlineData("no me deja salir", "held_or_controlled")]
    [InlineData("no me dejan irme", "held_or_controlled")]
    [InlineData("no puedo salir", "held_or_controlled")]
    [InlineData("estoy encerrada", "held_or_controlled")]
    [InlineData("me tiene encerrada en un cuarto", "held_or_controlled")]
    [InlineData("estoy atrapada", "held_or_controlled")]
    [InlineData("me secuestraron", "held_or_controlled")]
    [InlineData("alguien me sigue", "held_or_controlled")]
    // amenazas
    [InlineData("me amenazó", "threats")]
    [InlineData("me esta amenazando", "threats")]
    [InlineData("me quiere matar", "violence_now")]
    [InlineData("va a matarme", "threats")]
    [InlineData("dice que va a llamar a inmigracion", "threats")]
    [InlineData("va a publicar mis fotos", "threats")]
    [InlineData("sabe donde vivo", "threats")]
    // pedir ayuda
    [InlineData("ayuda por favor", "plea_for_help")]
    [InlineData("AYUDA POR FAVOR!!", "plea_for_help")]
    [InlineData("por favor ayuda", "plea_for_help")]
    [InlineData("necesito ayuda", "plea_for_help")]
    [InlineData("necesito ayuda urgente", "plea_for_help")]
    [InlineData("ayuda porfa", "plea_for_help")]
    [InlineData("ayudenme", "plea_for_help")]
    [InlineData("alguien ayudeme", "plea_for_help")]
    [InlineData("sacame de aqui", "plea_for_help")]
    [InlineData("me pueden ayudar", "plea_for_help")]
    [InlineData("manden a la policia", "plea_for_help")]
    // sobredosis
    [InlineData("mi amiga tiene una sobredosis", "overdose")]
    [InlineData("mi amiga no respira", "overdose")]
    [InlineData("mi amigo no está respirando", "overdose")]
    [InlineData("no puede respirar", "overdose")]
    [InlineData("no despierta", "overdose")]
    [InlineData("se desmayo y no reacciona", "overdose")]
    [InlineData("esta inconsciente", "overdose")]
    [InlineData("se puso morado", "overdose")]
    [InlineData("tomo demasiadas pastillas", "overdose")]
    [InlineData("esta convulsionando", "overdose")]
    public void Spanish_distress_is_found(string text, string category) => Assert.Equal(category, CategoryOf("es", text));

    [Theory]
    [InlineData("HELP")]
    [InlineData("help")]
    [InlineData("INFO")]
    [InlineData("info please")]
    [InlineData("3")]
    [InlineData("where can I get tested")]
    [InlineData("is it legal")]
    [InlineData("is sex work legal")]
    [InlineData("what is prep")]
    [InlineData("where is a clinic")]
    [InlineData("how do i get food stamps")]
    [InlineData("i want to leave the life")]
    [InlineData("what are the signs of trafficking")]
    [InlineData("how do i report a trafficker")]
    [InlineData("can I get arrested")]
    [InlineData("i shared my location with my buddy")]
    [InlineData("hello")]
    [InlineData("menu")]
    [InlineData("overdose")]
    [InlineData("AYUDA")]
    [InlineData("ayuda")]
    [InlineData("donde me hago la prueba")]
    [InlineData("es legal")]
    [InlineData("que es prep")]
    [InlineData("donde hay una clinica")]
    [InlineData("quiero salir")]
    [InlineData("sobredosis")]
    [InlineData("atras")]
    public void Questions_that_only_name_a_subject_and_keywords_are_not_distress(string text)
    {
        Assert.Null(CategoryOf("en", text));
        Assert.Null(CategoryOf("es", text));
    }

    [Fact]
    public void Both_languages_have_every_category()
    {
        foreach (var language in EngineHarness.Flow.Languages.Values)
        {
            var categories = language.Distress.Phrases.Select(p => p.Category).Distinct().Order();
            Assert.Equal(DistressListCheck.Categories.Order(), categories);
        }
    }
}
