using System.Text;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Handoff;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// Found from outside: a line restarted with another TextLine:EncryptionKey (or PrivacyKey, from which it is derived
/// when empty) gave every text of a texter with a check-in, a safety contact or an inbox conversation the
/// technical-problem reply, and staff sign-in a 500, with /healthz 200. Keys that do not fit the store are named now.
/// </summary>
public sealed class StoredKeysCheckTests
{
    private readonly InMemoryPrivateRecords _records = new();

    private StoredKeysCheck Check(string privacyKey = "privacy-key-0123456789", string encryptionKey = "encryption-key-0123456789") => new(
        _records, new SenderKeys(Encoding.UTF8.GetBytes(privacyKey)), new PersonalDataCipher(Encoding.UTF8.GetBytes(encryptionKey)), TimeProvider.System);

    [Fact]
    public async Task The_first_start_writes_the_record_and_the_same_keys_fit_it_later()
    {
        Assert.Null(await Check().ProblemAsync());

        Assert.NotNull(await _records.GetAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, DateTimeOffset.UtcNow));
        Assert.Null(await Check().ProblemAsync());
    }

    [Fact]
    public async Task Another_encryption_key_is_named()
    {
        await Check().ProblemAsync();

        var problem = await Check(encryptionKey: "another-encryption-key-0123")!.ProblemAsync();

        Assert.Equal($"{StoredKeysCheck.EncryptionKeyChanged} {StoredKeysCheck.WhatToDo}", problem);
    }

    [Fact]
    public async Task Another_privacy_key_is_named_since_every_opt_out_would_be_lost()
    {
        await Check().ProblemAsync();

        var problem = await Check(privacyKey: "another-privacy-key-0123")!.ProblemAsync();

        Assert.Equal($"{StoredKeysCheck.PrivacyKeyChanged} {StoredKeysCheck.WhatToDo}", problem);
    }

    // A store an earlier build wrote has no key-check record: a record of each kind that check-ins and talk to a person
    // encrypt tells whether the encryption key is the one it was written with. Found from outside on Redis: with
    // nobody on shift there was no inbox record, and a first start with a new key adopted it.
    [Theory]
    [InlineData(HandoffStore.IndexKind, HandoffStore.SharedKey)]
    [InlineData(HandoffStore.ShiftsKind, HandoffStore.SharedKey)]
    [InlineData(HandoffStore.ConversationKind, "3b5c3b49e244096534c0")]
    [InlineData(SafetyPlans.PlanKind, "d3a9db92c0ffee")]
    [InlineData(SafetyPlans.ContactKind, "a9a9fbdbc0ffee")]
    public async Task A_store_from_an_earlier_build_is_checked_by_its_encrypted_records(string kind, string key)
    {
        var earlier = new PersonalDataCipher("encryption-key-0123456789"u8.ToArray());
        var now = DateTimeOffset.UtcNow;
        await _records.TryPutAsync(kind, key, earlier.Encrypt("{}", $"{kind}:{key}"), 0, null, now);

        var problem = await Check(encryptionKey: "another-encryption-key-0123").ProblemAsync();

        Assert.Equal($"{StoredKeysCheck.EncryptionKeyChanged} {StoredKeysCheck.WhatToDo}", problem);
        Assert.Null(await _records.GetAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, now));
        Assert.Null(await Check().ProblemAsync());
        Assert.NotNull(await _records.GetAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, now));
    }

    private StoredKeysCheck Changing(string encryptionKey, string previousKey) => new(
        _records, new SenderKeys("privacy-key-0123456789"u8.ToArray()),
        new PersonalDataCipher(Encoding.UTF8.GetBytes(encryptionKey), Encoding.UTF8.GetBytes(previousKey)), TimeProvider.System);

    [Fact]
    public async Task With_the_previous_key_set_a_store_under_it_is_accepted_and_the_notice_says_so()
    {
        await Check().ProblemAsync();

        var verdict = await Changing("a-new-encryption-key-0123", previousKey: "encryption-key-0123456789").CheckAsync();

        Assert.Null(verdict.Problem);
        Assert.Equal(StoredKeysCheck.UnderPreviousKey, verdict.Notice);
    }

    [Fact]
    public async Task With_the_previous_key_set_a_store_already_under_the_new_key_says_the_previous_one_can_go()
    {
        await Check(encryptionKey: "a-new-encryption-key-0123").ProblemAsync();

        var verdict = await Changing("a-new-encryption-key-0123", previousKey: "encryption-key-0123456789").CheckAsync();

        Assert.Null(verdict.Problem);
        Assert.Equal(StoredKeysCheck.UnderCurrentKey, verdict.Notice);
        Assert.Null((await Check(encryptionKey: "a-new-encryption-key-0123").CheckAsync()).Notice);
    }

    [Fact]
    public async Task A_store_under_neither_key_is_refused_naming_both()
    {
        await Check().ProblemAsync();

        var problem = await Changing("a-new-encryption-key-0123", previousKey: "not-the-old-key-0123456789").ProblemAsync();

        Assert.Equal($"{StoredKeysCheck.NeitherEncryptionKey} {StoredKeysCheck.WhatToDo}", problem);
    }

    // An earlier build's store (no key-check record) under the previous key: accepted, and no record is written, since
    // one under the new key would tell the next start the records are under it. rekey writes it when they are.
    [Fact]
    public async Task A_store_from_an_earlier_build_under_the_previous_key_is_accepted_without_writing_the_record()
    {
        var key = "d3a9db92c0ffee";
        await _records.TryPutAsync(SafetyPlans.PlanKind, key,
            new PersonalDataCipher("encryption-key-0123456789"u8.ToArray()).Encrypt("{}", $"{SafetyPlans.PlanKind}:{key}"), 0, null, DateTimeOffset.UtcNow);

        var verdict = await Changing("a-new-encryption-key-0123", previousKey: "encryption-key-0123456789").CheckAsync();

        Assert.Null(verdict.Problem);
        Assert.Equal(StoredKeysCheck.UnderPreviousKey, verdict.Notice);
        Assert.Null(await _records.GetAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, DateTimeOffset.UtcNow));
    }
}
