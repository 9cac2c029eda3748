using System.Buffers.Text;
using System.Text;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>The key rules of Azure Table storage, checked and encoded in one place.</summary>
public sealed class TableKeyTests
{
    [Theory]
    [InlineData("item|abc", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a#b", false)]
    [InlineData("a?b", false)]
    [InlineData("tab\there", false)]
    [InlineData("del\u007F", false)]
    [InlineData("c1\u009F", false)]
    [InlineData("latin\u00A0ok", true)]
    public void Keys_with_a_forbidden_character_are_invalid(string key, bool valid) => Assert.Equal(valid, TableKey.IsValid(key));

    [Fact]
    public void Keys_longer_than_1_KiB_of_UTF_16_are_invalid()
    {
        Assert.True(TableKey.IsValid(new string('k', 512)));
        Assert.False(TableKey.IsValid(new string('k', 513)));
    }

    [Fact]
    public void A_value_that_fits_keeps_its_base64url_form()
    {
        Assert.Equal("key|name|" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes("clock/tick?#")), TableKey.Encode("key|name|", "clock/tick?#"));
    }

    [Fact]
    public void Values_too_long_for_a_key_are_hashed_into_distinct_valid_keys()
    {
        var value = new string('v', 1024 * 1024);
        var key = TableKey.Encode("key|name|", value);

        Assert.True(TableKey.IsValid(key));
        Assert.StartsWith("key|name|", key, StringComparison.Ordinal);
        Assert.Equal(key, TableKey.Encode("key|name|", value));
        Assert.NotEqual(key, TableKey.Encode("key|name|", value + "w"));
        Assert.True(TableKey.IsValid(TableKey.Encode("key|name|", new string('€', 255))));
    }
}
