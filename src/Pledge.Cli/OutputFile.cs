namespace Pledge.Cli;

/// <summary>
/// The --out FILE of a command: checked before any work is done, then written atomically (a temporary file in the
/// same folder, flushed to disk, then moved over the target), so a reader never sees half a file and a failed run
/// leaves the old file as it was.
/// </summary>
internal static class OutputFile
{
    /// <summary>Whether <paramref name="path"/> names a file that can be created or replaced; if not, a one-line reason.</summary>
    public static bool TryValidate(string path, out string error)
    {
        error = "";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"'{path}' is not a valid file path";
            return false;
        }

        if (string.IsNullOrWhiteSpace(path) || Directory.Exists(full))
        {
            error = $"'{path}' is a folder; give a file name to write to";
            return false;
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null)
        {
            error = $"'{path}' is not a file path";
            return false;
        }

        if (File.Exists(folder))
        {
            error = $"cannot write '{path}': '{folder}' is a file, not a folder";
            return false;
        }

        if (!Directory.Exists(folder))
        {
            error = $"cannot write '{path}': folder '{folder}' does not exist";
            return false;
        }

        return true;
    }

    /// <summary>
    /// <see cref="TryValidate"/>, and the folder accepts a new file (one is created and removed): for a file written
    /// after work that cannot be undone, such as completing a request.
    /// </summary>
    public static bool TryValidateWritable(string path, out string error)
    {
        if (!TryValidate(path, out error))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var probe = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write '{path}': folder '{folder}' does not accept new files ({e.GetType().Name})";
            return false;
        }
    }

    /// <summary>
    /// Writes the file through <paramref name="write"/>, atomically. Returns false with a one-line reason when the
    /// path is not writable; the target is then untouched and no temporary file is left behind.
    /// </summary>
    public static bool TryWrite(string path, Action<Stream> write, out string error)
    {
        if (!TryValidate(path, out error))
        {
            return false;
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write '{path}': folder '{folder}' does not accept new files ({e.GetType().Name})";
            return false;
        }

        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write '{path}': {e.Message}";
            return false;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file is hidden and named as ours; failing to remove it must not hide the real error.
        }
    }
}
