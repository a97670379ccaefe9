namespace Gurukul.Platform.Web;

/// <summary>Post/redirect/get for form endpoints: 303, so a reload does not post again.</summary>
public static class FormRedirects
{
    public static IResult SeeOther(HttpContext http, string url)
    {
        http.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
