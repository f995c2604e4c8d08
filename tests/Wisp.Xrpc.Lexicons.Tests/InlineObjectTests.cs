using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.Com.Example;
using Wisp.Xrpc.Validation;
using static Wisp.Xrpc.Lexicons.Tests.Lexicon;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// Objects written in place (lexicons/com.example.inline.json): a property's object, an array's items and an object
/// inside those, each a class nested in its owner, read, validated and written like named definitions.
/// </summary>
public sealed class InlineObjectTests
{
    private const string Trip = """
        {
          "$type": "com.example.inline",
          "location": {"lat": 48, "lng": 2, "label": "Paris", "altitude": 35},
          "stops": [
            {"name": "Lyon", "at": "2026-11-26T08:00:00Z"},
            {"name": "Nice",
             "venue": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g",
                       "embed": {"$type": "com.example.inline#link", "href": "https://example.com/nice"}}}
          ]
        }
        """;

    [Fact]
    public void Inline_objects_are_typed_nested_classes_and_round_trip_unchanged()
    {
        var trip = Read<Inline.Main>(Trip);

        Inline.Main.LocationObject location = trip.Location;
        Assert.Equal((48L, 2L, "Paris"), (location.Lat, location.Lng, location.Label));
        Assert.True(location.ExtensionData!.ContainsKey("altitude")); // unknown fields are kept at every depth
        Inline.Main.StopsItem nice = trip.Stops[1];
        Inline.Main.StopsItem.VenueObject venue = nice.Venue!;
        Assert.Equal("https://example.com/nice", Assert.IsType<Inline.Link>(venue.Embed).Href);
        Assert.Null(trip.Stops[0].Venue);

        AssertSameJson(Trip, Write(trip));
    }

    [Fact]
    public void Inline_objects_are_built_in_code_like_any_other()
    {
        var trip = new Inline.Main
        {
            Location = new() { Lat = 1, Lng = 2 },
            Stops = [new() { Name = "Home" }],
        };

        AssertSameJson(
            """{"$type": "com.example.inline", "location": {"lat": 1, "lng": 2}, "stops": [{"name": "Home"}]}""",
            Write(trip));
    }

    [Theory]
    [InlineData("""{"location": {"lat": 91, "lng": 0}, "stops": []}""", "Record/location/lat can not be greater than 90")]
    [InlineData("""{"location": {"lat": 0}, "stops": []}""", "Record/location must have the property \"lng\"")]
    [InlineData("""{"location": {"lat": 0, "lng": 0, "label": "far too long a label"}, "stops": []}""", "Record/location/label must not be longer than 10 graphemes")]
    [InlineData("""{"location": {"lat": 0, "lng": 0}, "stops": [{"name": "a"}, {"name": ""}]}""", "Record/stops/1/name must not be shorter than 1 bytes (UTF-8)")]
    [InlineData("""{"location": {"lat": 0, "lng": 0}, "stops": [{"name": "a", "venue": {"uri": "not an at-uri"}}]}""", "Record/stops/0/venue/uri must be a valid AT URI")]
    [InlineData("""{"location": {"lat": 0, "lng": 0}, "stops": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]}""", "Record/stops must not have more than 3 elements")]
    [InlineData("""{"location": 5, "stops": []}""", "Record/location must be an object")]
    public void Inline_objects_are_validated_with_the_path_of_the_failing_value(string json, string message)
    {
        var error = Assert.Throws<LexiconValidationException>(() => Read<Inline.Main>(json));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_unknown_typed_parameter_reaches_the_handler_as_the_text_it_was_given()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["filter"] = "lang:en AND likes>10" });

        var parameters = Search.Params.ReadQuery(query, "Params");

        Assert.Equal("lang:en AND likes>10", parameters.Filter);
        Assert.Equal(10L, parameters.Limit);
        Assert.Null(Search.Params.ReadQuery(new QueryCollection(), "Params").Filter);
    }
}
